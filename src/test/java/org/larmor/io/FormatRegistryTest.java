package org.larmor.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
import org.larmor.input.InputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registration list in {@link Format}: every registered format is parsed, written, and reads back. */
class FormatRegistryTest {
    /**
     * How this test reads each format back. A format registered in {@link Format} without an entry here fails
     * {@link #everyRegisteredFormatWritesUnderItsIdAndReadsBack}: a new format must come with a read-back.
     */
    static final Map<String, Function<Path, ReadBasis>> READERS = Map.of(
            "lcmodel", out -> LcmodelBasisReader.read(out.resolve("lcmodel/mega-3t_off.BASIS")),
            "nifti", out -> NiftiMrsReader.readFolder(out.resolve("nifti")),
            "fsl", out -> FslBasisReader.read(out.resolve("fsl/off")),
            "jmrui", out -> JmruiTextReader.read(out.resolve("jmrui/off/mega-3t.txt")));

    @Test
    void idsAreUniqueAndParseBackToTheirFormat() {
        Set<String> ids = new HashSet<>();
        for (Format f : Format.values()) {
            assertTrue(ids.add(f.id()), "duplicate id " + f.id());
            assertFalse(f.description().isBlank(), f.id());
            assertEquals(EnumSet.of(f), Format.parse(" " + f.id().toUpperCase() + " "));
        }
        assertEquals(EnumSet.allOf(Format.class), Format.parse("all"));
        assertEquals(Format.ids(), List.copyOf(iterate(new Format.Ids())), "the help lists the registered formats");
        InputException e = assertThrows(InputException.class, () -> Format.parse("lcmodel,dicom"));
        assertTrue(e.getMessage().contains("dicom") && e.getMessage().contains(Format.known()), e.getMessage());
    }

    @Test
    void everyRegisteredFormatWritesUnderItsIdAndReadsBack(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.megaEdited();
        for (Format f : Format.values()) {
            Path out = dir.resolve(f.id());
            List<Path> files = BasisWriters.write(set, EnumSet.of(f), out);
            assertTrue(files.size() > 1, f.id());
            for (Path p : files.subList(0, files.size() - 1)) {
                assertTrue(out.relativize(p).toString().replace('\\', '/').startsWith(f.id() + "/"), p.toString());
            }
            JsonNode prov = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
            assertEquals("[\"" + f.id() + "\"]", prov.get("formats").toString());

            Function<Path, ReadBasis> reader = READERS.get(f.id());
            assertNotNull(reader, "no read-back for registered format " + f.id());
            ReadBasis back = reader.apply(out);
            Map<String, org.larmor.signal.Fid> off = back.conditions().containsKey("OFF") ? back.fids("OFF")
                    : back.fids();
            for (BasisSpectrum s : set.spectra()) {
                assertTrue(IoFixtures.relativeError(s.fid("OFF"), off.get(s.name())) < 1e-5, f.id() + " " + s.name());
            }
        }
    }

    private static <T> List<T> iterate(Iterable<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEach(out::add);
        return out;
    }
}

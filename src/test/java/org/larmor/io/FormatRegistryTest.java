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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registration list in {@link Format}: every registered format is parsed, written, recognises its own files
 * (and only its own), and reads them back through its own {@link BasisFormat#read}.
 */
class FormatRegistryTest {

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

            // Read every file back through the format's own reader; gather the OFF spectra, which are either a
            // condition of a file (NIfTI-MRS DIM_EDIT) or the whole of a file under an "off" folder or suffix.
            Map<String, org.larmor.signal.Fid> off = new HashMap<>();
            for (Path p : files.subList(0, files.size() - 1)) {
                String kind = kindOf(f.format(), p);
                assertNotNull(kind, f.id() + " does not recognise its own " + p);
                assertTrue(f.format().kinds().contains(kind), f.id() + " " + kind);
                FileReading r = f.format().read(p, kind, Double.NaN, null);
                assertEquals(kind, r.kind(), p.toString());
                String rel = out.relativize(p).toString().replace('\\', '/').toLowerCase(Locale.ROOT);
                ReadBasis back = r.data();
                if (back.conditions().containsKey("OFF")) {
                    off.putAll(back.fids("OFF"));
                } else if (rel.contains("/off/") || rel.contains("_off.")) {
                    off.putAll(back.fids());
                }
            }
            for (BasisSpectrum s : set.spectra()) {
                assertNotNull(off.get(s.name()), f.id() + " " + s.name() + " not read back");
                assertTrue(IoFixtures.relativeError(s.fid("OFF"), off.get(s.name())) < 1e-5, f.id() + " " + s.name());
            }
        }
    }

    /**
     * Every file a full write produces (but provenance.json, which is not spectra) is claimed by exactly one
     * registered format, by name or content; and by content alone by that same format with the same kind, so a
     * renamed file is still read as what it is.
     */
    @Test
    void everyWrittenFileIsRecognisedByExactlyOneFormat(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.megaEdited();
        List<Path> files = BasisWriters.write(set, Format.parse("all"), dir);
        Set<String> kindsSeen = new HashSet<>();
        for (Path p : files) {
            if (p.getFileName().toString().equals("provenance.json")) {
                continue;
            }
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            byte[] head = BasisFormat.head(p);
            List<Format> claimants = new ArrayList<>();
            List<Format> byContent = new ArrayList<>();
            for (Format f : Format.values()) {
                if (kindOf(f.format(), p) != null) {
                    claimants.add(f);
                }
                String k = f.format().kindOf(p, name, head);
                if (k != null) {
                    byContent.add(f);
                    assertEquals(kindOf(f.format(), p), k, p + ": kind by name and by content differ");
                    kindsSeen.add(k);
                }
            }
            assertEquals(1, claimants.size(), p + " is claimed by " + claimants);
            assertEquals(claimants, byContent, p + " by content");
            String rel = dir.relativize(p).toString().replace('\\', '/');
            assertTrue(rel.startsWith(claimants.get(0).id() + "/"), p + " is claimed by " + claimants);
        }
        Set<String> allKinds = new HashSet<>();
        for (Format f : Format.values()) {
            for (String k : f.format().kinds()) {
                assertTrue(allKinds.add(k), "kind " + k + " registered twice");
            }
        }
        assertEquals(allKinds, kindsSeen, "every registered kind is written and recognised");
        assertNull(Format.LCMODEL.format().kindOf(dir, "notes.txt", new byte[0]));
    }

    /** Recognition as the readers do it: by name first, then by the first bytes. */
    private static String kindOf(BasisFormat f, Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        String k = f.kindOf(p, name, null);
        return k != null ? k : f.kindOf(p, name, BasisFormat.head(p));
    }

    private static <T> List<T> iterate(Iterable<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEach(out::add);
        return out;
    }
}

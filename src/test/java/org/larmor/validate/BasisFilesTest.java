package org.larmor.validate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;
import org.larmor.io.ReadBasis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every format, file or folder, is recognised and read back to the same spectra, with nucleus and reference. */
class BasisFilesTest {
    @TempDir
    static Path tmp;
    static Path press;
    static Path mega;

    @BeforeAll
    static void write() throws Exception {
        press = tmp.resolve("press");
        BasisWriters.write(ValidateFixtures.press(), Format.parse("all"), press);
        mega = tmp.resolve("mega");
        BasisSet m = BasisSimulator.simulate(ValidateFixtures.LIBRARY.select("NAA,Cr,GABA"),
                org.larmor.sequence.SequenceReader.parse("sequences/mega-test.yaml", "name: mega-test\n"
                        + "template: mega_press\nb0_t: 2.89\nte1_ms: 14\nte2_ms: 54\n"
                        + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 20}\n"
                        + "acquisition: {points: 1024, spectral_width_hz: 2000, lorentzian_fwhm_hz: 2}\n"), null);
        BasisWriters.write(m, Format.parse("all"), mega);
    }

    @Test
    void everyFormatOfALarmorBasisSetReadsBackTheSameSpectra() {
        LoadedSpectra original = ValidateFixtures.loaded(ValidateFixtures.press(), "memory");
        List<Object[]> cases = List.of(
                new Object[] {press, BasisFiles.NIFTI},
                new Object[] {press.resolve("nifti"), BasisFiles.NIFTI},
                new Object[] {press.resolve("fsl"), BasisFiles.FSL},
                new Object[] {press.resolve("fsl/NAA.json"), BasisFiles.FSL},
                new Object[] {press.resolve("jmrui/press-te30-3t.txt"), BasisFiles.JMRUI},
                new Object[] {press.resolve("lcmodel"), BasisFiles.LCMODEL_BASIS},
                new Object[] {press.resolve("lcmodel/press-te30-3t.BASIS"), BasisFiles.LCMODEL_BASIS},
                new Object[] {press.resolve("lcmodel/raw"), BasisFiles.LCMODEL_RAW});
        for (Object[] c : cases) {
            LoadedSpectra s = BasisFiles.load((Path) c[0]);
            String what = c[0].toString();
            assertEquals(c[1], s.format(), what);
            assertEquals("1H", s.nucleus(), what);
            assertEquals(4.65, s.referencePpm(), 0, what);
            assertNotNull(s.provenance(), what + ": provenance found beside or above");
            assertEquals(123.048911, s.spectrometerMHz(), 1e-5, what);
            Comparison cmp = Comparison.of(original, s, CompareOptions.defaults().withWindow(0, 4.5));
            assertTrue(cmp.onlyInB().isEmpty(), what);
            for (MetaboliteComparison r : cmp.rows()) {
                assertEquals(0, r.offsetPpm(), 1e-6, what + " " + r.nameA());
                assertEquals(1, r.amplitudeRatio(), 1e-5, what + " " + r.nameA());
                assertEquals(0, r.residual(), 1e-5, what + " " + r.nameA());
            }
        }
    }

    @Test
    void filesOfAnotherToolAreRecognisedByContentAndSayWhatTheyLack() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Path basis = Files.copy(press.resolve("lcmodel/press-te30-3t.BASIS"), other.resolve("set.dat"));
        LoadedSpectra s = BasisFiles.load(basis);
        assertEquals(BasisFiles.LCMODEL_BASIS, s.format());
        assertNull(s.nucleus(), "LCModel files do not state the nucleus");
        assertNull(s.provenance());
        assertEquals(List.of("NAA", "Cr", "Ins"), List.copyOf(s.data().fids().keySet()));
        Path jmrui = Files.copy(press.resolve("jmrui/press-te30-3t.txt"), other.resolve("signals.asc"));
        assertEquals("1H", BasisFiles.load(jmrui).nucleus(), "from TransmitterFrequency / MagneticField");
        Path nifti = Files.copy(press.resolve("nifti/NAA.nii.gz"), other.resolve("naa.bin"));
        assertEquals(BasisFiles.NIFTI, BasisFiles.load(nifti).format());
        InputException e = assertThrows(InputException.class,
                () -> BasisFiles.load(Files.writeString(other.resolve("notes.txt"), "hello\n")));
        assertTrue(e.getMessage().contains("not a recognised basis or spectrum file"), e.getMessage());
        assertTrue(assertThrows(InputException.class, () -> BasisFiles.load(other.resolve("missing")))
                .getMessage().contains("no such file"));
    }

    @Test
    void rawFilesNeedADwellTimeWhenTheyDoNotStateIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("raw-only"));
        String raw = Files.readString(press.resolve("lcmodel/raw/NAA.RAW"));
        Path bare = Files.writeString(dir.resolve("NAA.RAW"), raw.substring(raw.indexOf('$') - 1));
        InputException e = assertThrows(InputException.class, () -> BasisFiles.load(bare));
        assertTrue(e.getMessage().contains("--raw-dwell"), e.getMessage());
        ReadBasis r = BasisFiles.load(bare, 2.5e-4).data();
        assertEquals(2.5e-4, r.dwellS(), 0);
        assertEquals(4096, r.fid("NAA").points());
    }

    @Test
    void editedBasisSetsReadAsConditionsFromEveryLayout() {
        for (Path p : List.of(mega, mega.resolve("nifti"), mega.resolve("fsl"), mega.resolve("lcmodel"),
                mega.resolve("jmrui"), mega.resolve("lcmodel/raw"))) {
            ReadBasis r = BasisFiles.read(p);
            assertEquals(List.of("DIFF", "OFF", "ON"), r.conditionNames().stream().sorted().toList(), p.toString());
            assertEquals(List.of("Cr", "GABA", "NAA"), r.fids("ON").keySet().stream().sorted().toList(),
                    p.toString());
            // Creatine and NAA cancel in DIFF (a 20 Hz band at 1.9 ppm touches neither): their entries are left out.
            assertEquals(List.of("GABA"), r.fids("DIFF").keySet().stream().toList(), p.toString());
        }
        Comparison c = Comparison.of(BasisFiles.load(mega), BasisFiles.load(mega.resolve("lcmodel")),
                CompareOptions.defaults());
        assertEquals(7, c.rows().size());
        Tolerances t = Tolerances.parse(java.util.Map.of("offset_ppm", "0.0001", "ratio", "0.0001"));
        assertTrue(c.violations(t, false).isEmpty(), c.violations(t, false).toString());
        assertTrue(c.rows().stream().noneMatch(r -> r.condition().equals("DIFF") && r.nameA().equals("Cr")),
                "creatine is not edited: no DIFF entry");
    }
}

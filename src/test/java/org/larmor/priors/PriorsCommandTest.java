package org.larmor.priors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.synth.Distribution;
import org.larmor.synth.Scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code larmor priors} on Osprey and FSL-MRS outputs, and its refusals (exit 2, one line, nothing written). */
class PriorsCommandTest {
    @Test
    void anOspreyTableWithItsQmTableGivesConcentrationsLinewidthAndSnr(@TempDir Path dir) throws Exception {
        StringBuilder q = new StringBuilder("NAA\tNAAG\ttNAA\tCr\tPCr\ttCr\tmI\tGlx\tMM20\n");
        StringBuilder qm = new StringBuilder("NAA_SNR\tNAA_FWHM\twater_FWHM\tresidual_water_ampl\tfreqShift\n");
        SplittableRandom rng = new SplittableRandom(9);
        for (int s = 0; s < 40; s++) {
            double naa = 1.4 + 0.1 * rng.nextGaussian();
            double cr = 0.5 + 0.05 * rng.nextGaussian();
            q.append(String.format(Locale.ROOT, "%.4f\t0.12\t%.4f\t%.4f\t%.4f\t1.0\t%.4f\t2.0\t0.3%n", naa, naa + 0.12,
                    cr, 1 - cr, 0.8 + 0.08 * rng.nextGaussian()));
            qm.append(String.format(Locale.ROOT, "%.1f\t%.2f\t8.0\t0.1\t0.5%n", 100 + 10 * rng.nextGaussian(),
                    6 + 0.5 * rng.nextGaussian()));
        }
        Path tsv = dir.resolve("A_tCr_Voxel_1_Basis_1.tsv");
        Files.writeString(tsv, q);
        Path qmFile = dir.resolve("QM_processed_spectra.tsv");
        Files.writeString(qmFile, qm);
        Path out = dir.resolve("priors.yaml");
        String[] r = PriorsRecoveryTest.run("priors", tsv.toString(), qmFile.toString(), "--reference", "tCr=8",
                "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        Scenario sc = PriorsRecoveryTest.read(out);
        assertEquals(java.util.List.of("NAA", "Cr", "PCr", "Ins"), sc.copula().names());
        assertEquals(8 * 1.4, ((Distribution.Normal) sc.copula().marginals().get(0)).mean(), 8 * 0.1 * 4
                / Math.sqrt(40));
        assertEquals(100, ((Distribution.Normal) sc.noise().snr()).mean(), 4 * 10 / Math.sqrt(40));
        assertEquals(6, ((Distribution.Normal) sc.lineshape().linewidthHz()).mean(), 4 * 0.5 / Math.sqrt(40));
        String text = Files.readString(out);
        assertTrue(text.contains("tNAA: a sum of metabolites") && text.contains("Glx: a sum of metabolites"), text);
        assertTrue(text.contains("MM20: not a Larmor metabolite"), text);
        assertTrue(text.contains("Osprey QM freqShift"), text);
        assertTrue(sc.lineshape().shiftHz().isFixed(), "no shift from Osprey");
    }

    @Test
    void fslMrsResultsFoldersAreOneSubjectEach(@TempDir Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(4);
        Path all = Files.createDirectory(dir.resolve("fsl"));
        for (int s = 0; s < 30; s++) {
            Path d = Files.createDirectory(all.resolve(String.format(Locale.ROOT, "sub-%02d", s)));
            double naa = 12 + rng.nextGaussian();
            double glu = 9 + 0.5 * (naa - 12) + rng.nextGaussian();
            Files.writeString(d.resolve("summary.csv"), String.format(Locale.ROOT, """
                    Metab,/Cr+PCr,/Cr+PCr CRLB,mM,mM CRLB,%%CRLB,SNR,FWHM
                    NAA,1.5,0.05,%.4f,0.4,3.1,%.2f,%.3f
                    Glu,1.1,0.05,%.4f,0.4,6.0,12.0,7.0
                    Cr+PCr,1.0,0.03,8.0,0.3,2.9,,
                    """, naa, 50 + 5 * rng.nextGaussian(), 7 + 0.5 * rng.nextGaussian(), glu));
        }
        Path out = dir.resolve("priors.yaml");
        String[] r = PriorsRecoveryTest.run("priors", all.toString(), "--units", "mM", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        Scenario sc = PriorsRecoveryTest.read(out);
        assertEquals(java.util.List.of("NAA", "Glu"), sc.copula().names());
        assertTrue(sc.copula().correlation()[0][1] > 0.2, "NAA and Glu were drawn correlated");
        String text = Files.readString(out);
        assertTrue(text.contains("summary.csv column 'mM'") || text.contains("FSL-MRS results folder"), text);
        assertTrue(text.contains("matched-filter") || text.contains("apodisation"), "FSL-MRS's SNR definition");
        assertTrue(text.contains("all_parameters.csv"), "what is left out");
    }

    @Test
    void badInputExitsWithStatus2AndOneLine(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("fit.nii");
        Files.writeString(junk, "x");
        Path out = dir.resolve("priors.yaml");
        String[] r = PriorsRecoveryTest.run("priors", junk.toString(), "--units", "mM", "--out", out.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("larmor: error: " + junk) && r[2].strip().lines().count() == 1, r[2]);
        r = PriorsRecoveryTest.run("priors", dir.resolve("missing.table").toString(), "--units", "mM", "--out",
                out.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("not found"), r[2]);
        Path t = dir.resolve("a.table");
        Files.writeString(t, FitReadersTest.TABLE);
        r = PriorsRecoveryTest.run("priors", t.toString(), "--units", "mg", "--out", out.toString());
        assertEquals("2", r[0]);
        r = PriorsRecoveryTest.run("priors", t.toString(), t.toString(), t.toString(), "--units", "mM",
                "--reference", "tCr=8", "--out", out.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("either --units or --reference"), r[2]);
        assertFalse(Files.exists(out));
    }
}

package org.larmor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.input.InputException;

/** Hostile input to the spectrum readers: non-finite samples, truncation, devices, deep JSON, long lines. */
class ReaderHardeningTest {
    @TempDir
    Path dir;

    private static final String NMID = " $NMID ID='x', FMTDAT='(2E16.6)', VOLUME=1.0, TRAMP=1.0 $END\n";
    private static final String BASIS1 = " $BASIS1 IDBASI='x', FMTBAS='(2E16.6)', BADELT=0.00025, NDATAB=2 $END\n"
            + " $BASIS ID='a', METABO='a', CONC=1.0 $END\n";
    private static final String JMRUI = "jMRUI Data Textfile\n\nPointsInDataset: 2\nDatasetsInFile: 1\n"
            + "SamplingInterval: 0.25\n\nSignal 1 out of 1 in file\n";

    @Test
    void rawRefusesAnInfiniteSampleWithItsIndex() {
        InputException e = assertThrows(InputException.class, () -> LcmodelRawReader.parse("x.RAW", "x",
                NMID + "  1.0E+00  0.0E+00\n  2.0E+00  1.0E+999\n", 2.5e-4));
        assertTrue(e.getMessage().startsWith("x.RAW:3:"), e.getMessage());
        // The 4th number is the imaginary part of the 2nd point: counted in points, as the other readers count.
        assertTrue(e.getMessage().contains("imaginary part of point 2, sample index 1"), e.getMessage());
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void rawRefusesATruncatedFileSayingHowManyPoints() {
        String text = " Larmor FID; NUNFIL = 4, DELTAT = 2.5E-4 s\n" + NMID + " 1.0 0.0\n 2.0 0.0\n 3.0 0.0\n";
        InputException e = assertThrows(InputException.class, () -> LcmodelRawReader.parse("x.RAW", "x", text,
                2.5e-4));
        assertTrue(e.getMessage().contains("file truncated: expected 4 complex points"), e.getMessage());
        assertTrue(e.getMessage().endsWith("found 3"), e.getMessage());
        // A file without a stated count is read as it is.
        assertEquals(3, LcmodelRawReader.parse("x.RAW", "x", NMID + " 1.0 0.0\n 2.0 0.0\n 3.0 0.0\n", 2.5e-4)
                .fids().values().iterator().next().points());
    }

    @Test
    void larmorsOwnRawStatesItsPointCount() {
        BasisSet set = IoFixtures.singlet();
        String text = LcmodelRawWriter.write(set, set.spectra().get(0), set.conditions().get(0));
        int last = text.stripTrailing().lastIndexOf('\n');
        InputException e = assertThrows(InputException.class, () -> LcmodelRawReader.parse("x.RAW", "x",
                text.substring(0, last + 1), 2.5e-4));
        assertTrue(e.getMessage().contains("file truncated"), e.getMessage());
    }

    @Test
    void basisRefusesAnInfiniteSample() {
        InputException e = assertThrows(InputException.class, () -> LcmodelBasisReader.parse("x.BASIS",
                BASIS1 + " 1.0E+00 0.0E+00\n 1.0E+999 0.0E+00\n"));
        assertTrue(e.getMessage().startsWith("x.BASIS:4:"), e.getMessage());
        assertTrue(e.getMessage().contains("real part of point 2, sample index 1"), e.getMessage());
        // also when the numbers are glued without blanks
        InputException g = assertThrows(InputException.class, () -> LcmodelBasisReader.parse("x.BASIS",
                BASIS1 + " 1.0E+00 0.0E+00\n 1.0E+999-1.0E+00\n"));
        assertTrue(g.getMessage().contains("real part of point 2, sample index 1"), g.getMessage());
    }

    @Test
    void jmruiRefusesAnInfiniteSample() {
        InputException e = assertThrows(InputException.class, () -> JmruiTextReader.parse("x.txt", "x",
                JMRUI + "1.0 0.0\n1E+999 0.0\n"));
        assertTrue(e.getMessage().startsWith("x.txt:9:1:"), e.getMessage());
        assertTrue(e.getMessage().contains("sample index 1"), e.getMessage());
    }

    @Test
    void fslRefusesAnInfiniteSample() {
        String json = "{\"basis\": {\"basis_re\": [1.0, 1e999], \"basis_im\": [0, 0], \"basis_dwell\": 0.00025,"
                + " \"basis_centre\": 123.2, \"basis_name\": \"a\"}}";
        InputException e = assertThrows(InputException.class, () -> FslBasisReader.parse("a.json", json));
        assertTrue(e.getMessage().contains("basis.basis_re[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("sample index 1"), e.getMessage());
    }

    @Test
    void niftiRefusesANanSample() {
        BasisSet set = IoFixtures.singlet();
        byte[] nii = NiftiMrsWriter.write(set, set.spectra().get(0), List.of("main"));
        NiftiHeader h = NiftiHeader.parse("x.nii", nii);
        ByteBuffer.wrap(nii).order(h.order()).putFloat((int) h.voxOffset() + 5 * 8 + 4, Float.NaN);
        InputException e = assertThrows(InputException.class, () -> NiftiMrsReader.parse("x.nii", "x", nii));
        assertTrue(e.getMessage().contains("sample 5 of"), e.getMessage());
        assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
        ByteBuffer.wrap(nii).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void fslDeeplyNestedJsonIsALocatedErrorNotANullPointer() {
        String deep = "{\"basis\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        InputException e = assertThrows(InputException.class, () -> FslBasisReader.parse("a.json", deep));
        assertTrue(e.getMessage().startsWith("a.json"), e.getMessage());
        assertTrue(e.getMessage().contains("not an FSL-MRS basis file"), e.getMessage());
    }

    @Test
    void fslWronglyTypedFieldsAreNamed() {
        String json = "{\"basis\": {\"basis_re\": [[1.0], 2], \"basis_im\": [0, 0]}}";
        InputException e = assertThrows(InputException.class, () -> FslBasisReader.parse("a.json", json));
        assertEquals("a.json: field 'basis.basis_re[0]': expected a number, got a list", e.getMessage());
    }

    @Test
    void devicesAndFoldersAreRefusedBeforeReading() throws IOException {
        if (Files.exists(Path.of("/dev/zero"))) {
            InputException e = assertThrows(InputException.class, () -> LcmodelBasisReader.read(Path.of("/dev/zero")));
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
            assertTrue(assertThrows(InputException.class, () -> FslBasisReader.read(Path.of("/dev/zero")))
                    .getMessage().contains("not a regular file"));
        }
        Path sub = Files.createDirectory(dir.resolve("x.BASIS"));
        InputException e = assertThrows(InputException.class, () -> LcmodelBasisReader.read(sub));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
    }

    @Test
    void aByteOrderMarkIsIgnoredAndUtf16IsNamed() throws IOException {
        Path f = dir.resolve("x.txt");
        Files.write(f, ("\uFEFF" + JMRUI + "1.0 0.0\n2.0 0.0\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(2, JmruiTextReader.read(f).fids().values().iterator().next().points());
        Files.write(f, (JMRUI + "1.0 0.0\n2.0 0.0\n").getBytes(StandardCharsets.UTF_16));
        InputException e = assertThrows(InputException.class, () -> JmruiTextReader.read(f));
        assertTrue(e.getMessage().contains("looks like UTF-16"), e.getMessage());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFourMegabyteGluedTokenIsRefusedQuickly() {
        String glued = "1+".repeat(2 << 20) + "1\n";
        InputException e = assertThrows(InputException.class, () -> LcmodelBasisReader.parse("x.BASIS",
                BASIS1 + glued));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFourMegabyteRunOfCommasIsReadQuickly() {
        String text = " $NMID ID='x', ECHOT = " + ",".repeat(4 << 20) + " $END\n 1.0 0.0\n";
        assertEquals(1, LcmodelRawReader.parse("x.RAW", "x", text, 2.5e-4).fids().values().iterator().next()
                .points());
    }

    @Test
    void quotedTokensAreShortExcerpts() {
        String token = "root:x:0:0:root:/root:/bin/bash".repeat(50);
        InputException e = assertThrows(InputException.class, () -> LcmodelRawReader.parse("x.RAW", "x",
                NMID + token + "\n", 2.5e-4));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertFalse(e.getMessage().contains(token.substring(0, 100)), e.getMessage());
    }
}

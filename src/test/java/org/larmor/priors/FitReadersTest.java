package org.larmor.priors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fit readers on files laid out as LCModel, FSL-MRS and Osprey write them. */
class FitReadersTest {
    static final String TABLE = """
             LCModel (Version 6.3-1R) Copyright: S.W. Provencher.\s
            \s\s
            $$CONC 8 lines in following concentration table = NCONC+1
                Conc.  %SD /Cr+PCr  Metabolite                                        \s
             7.20E-01 166% 9.0E-02 Ala                                                \s
             1.23E+01   3%   1.510 NAA                                                \s
                0.000 999%   0.000 PCh                                                \s
             4.10E+00   6%   0.503 Cr                                                 \s
             4.05E+00   6%   0.497 PCr                                                \s
             2.85E+00  17%   0.350 MM14+Lip13a+Lip13b+MM12                            \s
             8.15E+00   2%   1.000 Cr+PCr                                             \s

            $$MISC  6 lines in following misc. output table
              FWHM = 0.062 ppm    S/N =  21                                           \s
              Data shift = 0.012 ppm                                                  \s
              Ph:  13 deg      -3.4 deg/ppm                                           \s
              alphaB,S = 1.7E-01,   3.7E-01                                           \s
               28 spline knots.   Ns = 5(1)                                           \s
               2 inflections.     1 extrema                                           \s

            $$DIAG  0 lines in following diagnostic table:

            $$INPU  3 lines in following table of input changes:
             filtab='out.table'
             hzpppm=1.2325E+02
             ltable=7
            """;

    @Test
    void anLcmodelTableGivesItsConcentrationsAndMiscLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub01.table");
        Files.writeString(f, TABLE);
        FitResult r = LcmodelReader.readTable(f);
        assertEquals(List.of("Ala", "NAA", "PCh", "Cr", "PCr", "MM14+Lip13a+Lip13b+MM12", "Cr+PCr"),
                List.copyOf(r.concentrations().keySet()));
        assertEquals(12.3, r.concentrations().get("NAA"), 0);
        assertEquals(0.0, r.concentrations().get("PCh"), 0);
        assertEquals(0.062, r.fwhmPpm(), 0);
        assertEquals(21, r.snr(), 0);
        assertEquals(0.012, r.dataShiftPpm(), 0);
        assertEquals(13, r.phase0Deg(), 0);
        assertEquals(-3.4, r.phase1DegPerPpm(), 0);
        assertEquals(123.25, r.spectrometerMHz(), 0);
        assertEquals(FitResult.Format.LCMODEL_TABLE, r.format());
    }

    @Test
    void anLcmodelCoordIsReadUpToItsPlotArrays(@TempDir Path dir) throws Exception {
        String coord = """
                 LCModel (Version 6.3-1R)
                 3 lines in following concentration table = NCONC+1
                    Conc.  %SD /Cr+PCr  Metabolite
                 1.10E+01   4%   1.400 NAA
                 7.90E+00   3%   1.000 Cr+PCr
                   3 lines in following misc. output table
                  FWHM = 0.050 ppm    S/N =  30
                  Data shift = -0.004 ppm
                  Ph:  -7 deg       1.0 deg/ppm
                   0 lines in following diagnostic table:
                 4 points on ppm-axis = NY
                  4.0 3.0 2.0 1.0
                  FWHM = 9.999 ppm    S/N = 999
                """;
        Path f = dir.resolve("sub02.coord");
        Files.writeString(f, coord);
        FitResult r = LcmodelReader.readTable(f);
        assertEquals(2, r.concentrations().size());
        assertEquals(0.050, r.fwhmPpm(), 0, "the misc line before the plot arrays, not one after");
        assertEquals(30, r.snr(), 0);
        assertEquals(-0.004, r.dataShiftPpm(), 0);
        assertEquals(-7, r.phase0Deg(), 0);
        assertTrue(Double.isNaN(r.spectrometerMHz()));
    }

    @Test
    void aBrokenTableRowIsAnErrorWithFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.table");
        Files.writeString(f, TABLE.replace(" 4.10E+00   6%   0.503 Cr", " 4.10E+00   six   0.503 Cr"));
        InputException e = assertThrows(InputException.class, () -> LcmodelReader.readTable(f));
        assertTrue(e.getMessage().startsWith(f + ":8:"), e.getMessage());
        Path g = dir.resolve("nothing.table");
        Files.writeString(g, "just text\n");
        e = assertThrows(InputException.class, () -> LcmodelReader.readTable(g));
        assertTrue(e.getMessage().contains("no LCModel concentration table"), e.getMessage());
    }

    @Test
    void anLcmodelCsvHasOneSubjectPerRowWithoutItsSdAndRatioColumns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cohort.csv");
        Files.writeString(f, """
                 Row, Col, NAA, NAA %SD, NAA/Cr+PCr, Cr+PCr, Cr+PCr %SD, Cr+PCr/Cr+PCr
                 1, 1, 1.23E+01, 3, 1.51, 8.15E+00, 2, 1.0
                 1, 2, 1.10E+01, 4, 1.40, 7.90E+00, 3, 1.0
                """);
        List<FitResult> r = LcmodelReader.readCsv(f);
        assertEquals(2, r.size());
        assertEquals(List.of("NAA", "Cr+PCr"), List.copyOf(r.get(0).concentrations().keySet()));
        assertEquals(11.0, r.get(1).concentrations().get("NAA"), 0);
        Files.writeString(f, " Row, Col, NAA, NAA %SD\n 1, 1, 12.x, 3\n");
        InputException e = assertThrows(InputException.class, () -> LcmodelReader.readCsv(f));
        assertTrue(e.getMessage().startsWith(f + ":2:"), e.getMessage());
        assertTrue(e.getMessage().contains("NAA"), e.getMessage());
    }

    @Test
    void anFslMrsFolderGivesTheMolarityColumnAndTheReferencesQc(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectory(dir.resolve("sub-01"));
        Files.writeString(a.resolve("summary.csv"), """
                Metab,/Cr+PCr,/Cr+PCr CRLB,mMol/kg,mMol/kg CRLB,mM,mM CRLB,%CRLB,SNR,FWHM
                NAA,1.5,0.05,11.2,0.3,12.1,0.4,3.1,45.0,6.5
                Cr,0.5,0.02,4.0,0.2,4.3,0.2,5.0,20.0,6.9
                Cr+PCr,1.0,0.03,8.0,0.2,8.6,0.3,2.9,,
                """);
        FitResult r = FslMrsReader.read(a, null, "NAA");
        assertEquals(12.1, r.concentrations().get("NAA"), 0);
        assertEquals(45.0, r.snr(), 0);
        assertEquals(6.5, r.fwhmHz(), 0);
        assertTrue(r.subject().contains("'mM'"), r.subject());
        Path b = Files.createDirectory(dir.resolve("sub-02"));
        Files.writeString(b.resolve("concentrations.csv"), """
                Metabs,mean,mean,mean,std,std,std
                ,raw,internal,molality,raw,internal,molality
                NAA,0.31,1.45,10.9,0.01,0.05,0.3
                Cr,0.10,0.48,3.9,0.01,0.02,0.2
                """);
        Files.writeString(b.resolve("qc.csv"), "Metab,SNR,FWHM\nNAA,40.0,7.0\nCr,18.0,7.2\n");
        FitResult s = FslMrsReader.read(b, null, "NAA");
        assertEquals(10.9, s.concentrations().get("NAA"), 0, "molality: the first scaling present");
        assertEquals(40.0, s.snr(), 0);
        assertEquals(7.0, s.fwhmHz(), 0);
        assertEquals(0.48, FslMrsReader.read(b, "internal", "NAA").concentrations().get("Cr"), 0);
    }

    @Test
    void anOspreyTableWithItsQmTableGivesSubjectsWithSnrAndFwhm(@TempDir Path dir) throws Exception {
        Path q = dir.resolve("A_tCr_Voxel_1_Basis_1.tsv");
        Files.writeString(q, "NAA\tNAAG\ttNAA\tmI\tGlx\n1.41\t0.12\t1.53\t0.80\t1.9\n1.38\t0.10\t1.48\t0.77\t2.0\n"
                + "1.50\t0.15\t1.65\t0.85\t1.8\n");
        Path qm = dir.resolve("QM_processed_spectra.tsv");
        Files.writeString(qm, "NAA_SNR\tNAA_FWHM\tresidual_water_ampl\tfreqShift\n120\t6.1\t0.1\t1.2\n110\t6.4\t0.2"
                + "\t-0.5\n130\t5.9\t0.1\t0.3\n");
        assertTrue(SubjectTable.isQualityTable(qm));
        assertFalse(SubjectTable.isQualityTable(q));
        List<FitResult> s = SubjectTable.withQuality(SubjectTable.read(q), qm, "NAA", null);
        assertEquals(3, s.size());
        assertEquals(0.77, s.get(1).concentrations().get("mI"), 0);
        assertEquals(110, s.get(1).snr(), 0);
        assertEquals(6.4, s.get(1).fwhmHz(), 0);
        Files.writeString(qm, "NAA_SNR\tNAA_FWHM\n120\t6.1\n");
        InputException e = assertThrows(InputException.class, () -> SubjectTable.withQuality(SubjectTable.read(q),
                qm, "NAA", null));
        assertTrue(e.getMessage().contains("1 subjects but the concentration table has 3"), e.getMessage());
        // Osprey versions that divide the FWHM by the transmitter frequency write ppm.
        Files.writeString(qm, "NAA_SNR\tNAA_FWHM\n120\t0.050\n110\t0.052\n130\t0.048\n");
        List<FitResult> p = SubjectTable.withQuality(SubjectTable.read(q), qm, "NAA", null);
        assertEquals(0.052, p.get(1).fwhmPpm(), 0);
        assertTrue(Double.isNaN(p.get(1).fwhmHz()));
        Files.writeString(qm, "NAA_SNR\tNAA_FWHM\n120\t0.8\n110\t6.0\n130\t5.5\n");
        e = assertThrows(InputException.class, () -> SubjectTable.withQuality(SubjectTable.read(q), qm, "NAA", null));
        assertTrue(e.getMessage().contains("--qm-fwhm-unit"), e.getMessage());
        assertEquals(6.0, SubjectTable.withQuality(SubjectTable.read(q), qm, "NAA", "hz").get(1).fwhmHz(), 0);
    }
}

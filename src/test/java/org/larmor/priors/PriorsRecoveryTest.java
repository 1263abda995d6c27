package org.larmor.priors;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.cli.LarmorCommand;
import org.larmor.synth.ConcentrationCopula;
import org.larmor.synth.Distribution;
import org.larmor.synth.Sample;
import org.larmor.synth.Scenario;
import org.larmor.synth.ScenarioReader;
import org.larmor.synth.SynthBasis;
import org.larmor.synth.Synthesiser;
import org.opentest4j.AssertionFailedError;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Priors from fits, tested as statistics: a cohort of N = 400 subjects is drawn from known distributions (normal
 * concentrations with NAA–Cr ρ = 0.6, Glu–Gln ρ = −0.4, NAA–Glu ρ = 0.3; normal linewidth, S/N, shift and phase),
 * written as LCModel would (a .table per subject, and one .csv), and given to {@code larmor priors}. The fitted
 * means and SDs must lie within 4 standard errors of the truth (σ/√N, σ/√(2(N−1))), and the correlations within 4
 * standard errors of Fisher's z (1/√(N−3)). A cohort whose Glu and Gln columns are swapped must fail the same check.
 */
class PriorsRecoveryTest {
    static final int N = 400;
    static final double MHZ = 123.25;
    // Metabolite, LCModel name, mean, sd (mM).
    static final String[] NAMES = {"NAA", "Cr", "PCr", "Glu", "Gln", "Ins", "GPC"};
    static final String[] LCM = {"NAA", "Cr", "PCr", "Glu", "Gln", "mI", "GPC"};
    static final double[] MEAN = {12.0, 4.5, 4.0, 10.0, 3.5, 6.0, 1.2};
    static final double[] SD = {1.2, 0.5, 0.45, 1.3, 0.7, 0.8, 0.2};
    static final double[][] RHO = new double[7][7];
    static final double LW_HZ = 6.0;
    static final double LW_SD = 1.0;
    static final double SN = 20;
    static final double SN_SD = 4;
    static final double SHIFT_PPM = 0.01;
    static final double SHIFT_SD_PPM = 0.008;
    static final double PH = 10;
    static final double PH_SD = 15;

    static double[][] cohort;
    static double[][] misc;

    static {
        for (int i = 0; i < 7; i++) {
            RHO[i][i] = 1;
        }
        set(0, 1, 0.6);
        set(3, 4, -0.4);
        set(0, 3, 0.3);
    }

    private static void set(int i, int j, double r) {
        RHO[i][j] = r;
        RHO[j][i] = r;
    }

    @BeforeAll
    static void drawTheCohort() {
        double[][] l = ConcentrationCopula.cholesky(RHO);
        SplittableRandom rng = new SplittableRandom(20261201L);
        cohort = new double[N][7];
        misc = new double[N][4];
        for (int s = 0; s < N; s++) {
            double[] g = new double[7];
            for (int k = 0; k < 7; k++) {
                g[k] = rng.nextGaussian();
            }
            for (int i = 0; i < 7; i++) {
                double z = 0;
                for (int k = 0; k <= i; k++) {
                    z += l[i][k] * g[k];
                }
                cohort[s][i] = Math.max(0, MEAN[i] + SD[i] * z);
            }
            misc[s][0] = LW_HZ + LW_SD * rng.nextGaussian();
            misc[s][1] = SN + SN_SD * rng.nextGaussian();
            misc[s][2] = SHIFT_PPM + SHIFT_SD_PPM * rng.nextGaussian();
            misc[s][3] = PH + PH_SD * rng.nextGaussian();
        }
    }

    /** One subject as LCModel's .table, with its sums, an MM entry, and columns {@code a} and {@code b} swapped. */
    static String table(int s, int swapA, int swapB) {
        double[] c = cohort[s].clone();
        if (swapA >= 0) {
            double t = c[swapA];
            c[swapA] = c[swapB];
            c[swapB] = t;
        }
        StringBuilder b = new StringBuilder(" LCModel (Version 6.3-1R) Copyright: S.W. Provencher.\n \n\n");
        b.append("$$CONC 12 lines in following concentration table = NCONC+1\n");
        b.append("    Conc.  %SD /Cr+PCr  Metabolite\n");
        double tcr = c[1] + c[2];
        for (int i = 0; i < 7; i++) {
            b.append(row(c[i], 5, c[i] / tcr, LCM[i]));
        }
        b.append(row(1.1, 20, 1.1 / tcr, "MM09"));
        b.append(row(c[0] + 1.5, 3, (c[0] + 1.5) / tcr, "NAA+NAAG"));
        b.append(row(tcr, 2, 1, "Cr+PCr"));
        b.append(row(c[3] + c[4], 4, (c[3] + c[4]) / tcr, "Glu+Gln"));
        b.append("\n$$MISC  6 lines in following misc. output table\n");
        b.append(String.format(Locale.ROOT, "  FWHM = %.3f ppm    S/N = %3d\n", misc[s][0] / MHZ,
                Math.round(misc[s][1])));
        b.append(String.format(Locale.ROOT, "  Data shift = %.3f ppm\n", misc[s][2]));
        b.append(String.format(Locale.ROOT, "  Ph: %3d deg %9.1f deg/ppm\n", Math.round(misc[s][3]), 1.5));
        b.append("\n$$DIAG  0 lines in following diagnostic table:\n\n$$INPU  1 lines in following table of input"
                + " changes:\n ltable=7\n");
        return b.toString();
    }

    private static String row(double conc, int sd, double ratio, String name) {
        return String.format(Locale.ROOT, " %8.2E %3d%% %7.3f %s\n", conc, sd, ratio, name);
    }

    /** The cohort as LCModel's LCSV. */
    static String csv() {
        StringBuilder b = new StringBuilder(" Row, Col");
        for (String n : LCM) {
            b.append(", ").append(n).append(", ").append(n).append(" %SD, ").append(n).append("/Cr+PCr");
        }
        b.append('\n');
        for (int s = 0; s < N; s++) {
            b.append(" 1, ").append(s + 1);
            double tcr = cohort[s][1] + cohort[s][2];
            for (int i = 0; i < 7; i++) {
                b.append(String.format(Locale.ROOT, ", %.2E, 5, %.3f", cohort[s][i], cohort[s][i] / tcr));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static Path writeTables(Path dir, int swapA, int swapB) throws Exception {
        Path fits = Files.createDirectories(dir.resolve("fits"));
        for (int s = 0; s < N; s++) {
            Files.writeString(fits.resolve(String.format(Locale.ROOT, "sub-%03d.table", s + 1)), table(s, swapA, swapB));
        }
        return fits;
    }

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LarmorCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    /** The priors file read back as a scenario (with a stand-in basis). */
    static Scenario read(Path priors) throws Exception {
        Path stand = priors.resolveSibling("stand-in.yaml");
        Files.writeString(stand, "");
        String text = "basis: {sequence: stand-in.yaml}\n" + Files.readString(priors);
        return ScenarioReader.parse(priors.toString(), text, priors.getParent(), List.of());
    }

    @Test
    void aCohortFittedByLcmodelGivesBackItsDistributionsAndCorrelations(@TempDir Path dir) throws Exception {
        Path fits = writeTables(dir, -1, -1);
        Path out = dir.resolve("priors.yaml");
        String[] r = run("priors", fits.toString(), "--units", "mM", "--spectrometer-mhz", String.valueOf(MHZ),
                "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        Scenario sc = read(out);
        assertRecovered(sc, 1.0);
        String text = Files.readString(out);
        assertTrue(text.contains("normal fitted by moments") && text.contains("400 subjects"), text);
        assertTrue(text.contains("NAA+NAAG: a sum of metabolites"), "the sums are reported, not used");
        assertTrue(text.contains("MM09: not a Larmor metabolite"), text);
        assertTrue(r[2].contains("left out: Cr+PCr: a sum of metabolites"), r[2]);
        assertTrue(text.contains("sub-001.table"), "the files are named");
        // Linewidth (ppm × MHz), SNR (LCModel's S/N × 2), shift (minus the data shift, in Hz), zero-order phase.
        assertNormal(sc.lineshape().linewidthHz(), LW_HZ, LW_SD, "linewidth");
        assertNormal(sc.noise().snr(), 2 * SN, 2 * SN_SD, "SNR");
        assertNormal(sc.lineshape().shiftHz(), -SHIFT_PPM * MHZ, SHIFT_SD_PPM * MHZ, "shift");
        assertNormal(sc.phase().zeroOrderDeg(), -PH, PH_SD, "phase");
        assertTrue(text.contains("LCModel S/N") && text.contains("× 2"), "the SNR conversion is stated");
    }

    @Test
    void theSameCohortAsOneLcmodelCsvGivesTheSameCopula(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("cohort.csv");
        Files.writeString(csv, csv());
        Path out = dir.resolve("priors.yaml");
        String[] r = run("priors", csv.toString(), "--units", "mM", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertRecovered(read(out), 1.0);
    }

    @Test
    void swappedColumnsAreCaught(@TempDir Path dir) throws Exception {
        // Planted error: Glu and Gln exchanged in every table. The recovery check must fail on it.
        Path fits = writeTables(dir, 3, 4);
        Path out = dir.resolve("priors.yaml");
        String[] r = run("priors", fits.toString(), "--units", "mM", "--spectrometer-mhz", "123.25", "--out",
                out.toString());
        assertEquals("0", r[0], r[2]);
        Scenario sc = read(out);
        assertThrows(AssertionFailedError.class, () -> assertRecovered(sc, 1.0));
    }

    @Test
    void referencingToTcrScalesTheCohortSoItsMeanTcrIsTheGivenValue(@TempDir Path dir) throws Exception {
        Path fits = writeTables(dir, -1, -1);
        Path out = dir.resolve("priors.yaml");
        String[] r = run("priors", fits.toString(), "--reference", "tCr=17", "--spectrometer-mhz", "123.25",
                "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        Scenario sc = read(out);
        ConcentrationCopula c = sc.copula();
        double cr = ((Distribution.Normal) c.marginals().get(c.names().indexOf("Cr"))).mean();
        double pcr = ((Distribution.Normal) c.marginals().get(c.names().indexOf("PCr"))).mean();
        // The Cr+PCr column is set to a mean of 17 mM; LCModel rounds each entry to 3 digits, so Cr + PCr differs
        // from it by that rounding only.
        assertEquals(17, cr + pcr, 0.01, "tCr = Cr + PCr, mean set to 17 mM");
        assertTrue(Files.readString(out).contains("so that the cohort's mean tCr is 17 mM"));
        // The scale is one factor: the correlations are those of the unscaled cohort.
        assertCorrelation(c, "NAA", "Cr", 0.6);
    }

    @Test
    void withoutAUnitOrWithoutTheFieldTheCommandRefusesAndWritesNothing(@TempDir Path dir) throws Exception {
        Path fits = writeTables(dir, -1, -1);
        Path out = dir.resolve("priors.yaml");
        String[] r = run("priors", fits.toString(), "--spectrometer-mhz", "123.25", "--out", out.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("state the unit") && !r[2].contains("Exception"), r[2]);
        r = run("priors", fits.toString(), "--units", "mM", "--out", out.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--spectrometer-mhz") && r[2].contains("sub-001.table"), r[2]);
        assertTrue(!Files.exists(out), "no output on an error");
    }

    @Test
    void aScenarioWithTheFittedCopulaSynthesisesTruthWithItsCorrelation(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("cohort.csv");
        Files.writeString(csv, csv());
        Path out = dir.resolve("scenario.yaml");
        Path seq = Path.of("sequences/press-te30-3t.yaml").toAbsolutePath();
        String[] r = run("priors", csv.toString(), "--units", "mM", "--basis-sequence", seq.toString(), "--out",
                out.toString());
        assertEquals("0", r[0], r[2]);
        Files.writeString(out, Files.readString(out).replace("basis:\n", "basis:\n  points: 512\n"));
        Scenario sc = ScenarioReader.read(out, List.of());
        Synthesiser synth = new Synthesiser(sc, SynthBasis.load(sc, Path.of("spin-systems")));
        int m = 1000;
        List<String> names = sc.copula().names();
        double[][] truth = new double[m][names.size()];
        for (int i = 0; i < m; i++) {
            Sample s = synth.generate(5, i, false, false);
            for (int k = 0; k < names.size(); k++) {
                truth[i][k] = s.value(names.get(k) + ".concentration_mm");
            }
        }
        double[][] got = new PearsonsCorrelation(truth).getCorrelationMatrix().getData();
        double[][] stated = sc.copula().correlation();
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < i; j++) {
                // Normal marginals: the concentrations' Pearson correlation is the copula's (truncation at 0 lies
                // beyond 5 SD for every metabolite here).
                assertEquals(fisher(stated[i][j]), fisher(got[i][j]), 4 / Math.sqrt(m - 3),
                        names.get(i) + "-" + names.get(j));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** Means, SDs and correlations of the copula against the truth, within 4 standard errors. */
    static void assertRecovered(Scenario sc, double unitScale) {
        ConcentrationCopula c = sc.copula();
        assertEquals(List.of(NAMES), c.names(), "every single metabolite (mI as Ins), no sum");
        for (int i = 0; i < NAMES.length; i++) {
            Distribution d = c.marginals().get(i);
            double mean;
            double sd;
            if (d instanceof Distribution.Normal n) {
                mean = n.mean();
                sd = n.sd();
            } else {
                Distribution.TruncatedNormal t = (Distribution.TruncatedNormal) d;
                mean = t.mean();
                sd = t.sd();
            }
            assertEquals(MEAN[i] * unitScale, mean, 4 * SD[i] / Math.sqrt(N), NAMES[i] + " mean");
            assertEquals(SD[i] * unitScale, sd, 4 * SD[i] / Math.sqrt(2.0 * (N - 1)), NAMES[i]
                    + " SD");
        }
        for (int i = 0; i < NAMES.length; i++) {
            for (int j = 0; j < i; j++) {
                assertCorrelation(c, NAMES[i], NAMES[j], RHO[i][j]);
            }
        }
    }

    static void assertCorrelation(ConcentrationCopula c, String a, String b, double rho) {
        double r = c.correlation()[c.names().indexOf(a)][c.names().indexOf(b)];
        assertEquals(fisher(rho), fisher(r), 4 / Math.sqrt(N - 3), a + "-" + b + ": r = " + r + ", ρ = " + rho);
    }

    static void assertNormal(Distribution d, double mean, double sd, String what) {
        double m = d instanceof Distribution.TruncatedNormal t ? t.mean() : ((Distribution.Normal) d).mean();
        double s = d instanceof Distribution.TruncatedNormal t ? t.sd() : ((Distribution.Normal) d).sd();
        // LCModel's rounding (3 decimals of ppm, whole S/N and degrees) adds a uniform error's variance Δ²/12 (at
        // most 0.3 % of these SDs); the bounds are 4 standard errors.
        assertEquals(mean, m, 4 * sd / Math.sqrt(N), what + " mean");
        assertEquals(sd, s, 4 * sd / Math.sqrt(2.0 * (N - 1)), what + " SD");
    }

    static double fisher(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }

    static List<String> names() {
        return new ArrayList<>(List.of(NAMES));
    }
}

package org.larmor.realism;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two-sample statistics, Holm's correction and the gate of {@code --tolerance}. */
class RealismStatisticsTest {
    @Test
    void holmMultipliesTheKthSmallestPByTheNumberLeftAndKeepsOrder() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        double[] adj = RealismComparison.holm(p, List.of(0, 1, 2, 3));
        // sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max so far 0.06
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adj, 1e-12);
    }

    /** A cohort whose features are normal draws (linewidth with the given mean), bands of two points. */
    static Cohort cohort(String label, int n, double linewidthMean, double snrMedian, long seed) {
        Random r = new Random(seed);
        List<SpectrumFeatures> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[Feature.values().length];
            v[Feature.SNR.ordinal()] = snrMedian * Math.exp(0.2 * r.nextGaussian());
            v[Feature.LINEWIDTH.ordinal()] = linewidthMean + r.nextGaussian();
            v[Feature.OFFSET.ordinal()] = 4 * r.nextGaussian();
            v[Feature.PHASE.ordinal()] = 20 * r.nextGaussian();
            v[Feature.RESIDUAL_WATER.ordinal()] = 5 * r.nextGaussian();
            v[Feature.BASELINE.ordinal()] = -15 + 3 * r.nextGaussian();
            s.add(new SpectrumFeatures(label + i, v, 1, 0.01, new double[] {r.nextGaussian(), 1}, null));
        }
        return new Cohort(label, label, s.stream().map(SpectrumFeatures::source).toList(), s, List.of(),
                new double[] {123.2, 123.2}, new int[] {2048, 2048}, new double[] {2.5e-4, 2.5e-4}, List.of(),
                Map.of());
    }

    @Test
    void aShiftedLinewidthDiffersAndTheOtherFeaturesDoNot() {
        RealismComparison r = RealismComparison.of(cohort("s", 300, 7, 50, 1), cohort("m", 300, 9, 50, 2),
                RealismTolerances.parse(List.of("p=0.01")), new double[] {0, 1});
        FeatureComparison lw = r.get(Feature.LINEWIDTH);
        assertEquals(FeatureComparison.DIFFERS, lw.verdict());
        assertFalse(lw.passes());
        assertEquals(2, lw.effect(), 0.25);
        assertEquals(1, lw.sdRatio(), 0.2);
        assertTrue(lw.ksStatistic() > 0.5, "D " + lw.ksStatistic());
        for (Feature f : Feature.values()) {
            if (f != Feature.LINEWIDTH) {
                assertEquals(FeatureComparison.INDISTINGUISHABLE, r.get(f).verdict(), f.key());
            }
        }
        assertFalse(r.allPass());
    }

    @Test
    void snrIsComparedAsARatioOfMedians() {
        RealismComparison r = RealismComparison.of(cohort("s", 300, 7, 50, 3), cohort("m", 300, 7, 25, 4),
                RealismTolerances.parse(List.of("snr_ratio=0.6")), new double[] {0, 1});
        FeatureComparison snr = r.get(Feature.SNR);
        assertEquals(FeatureComparison.DIFFERS, snr.verdict());
        assertEquals(-0.5, snr.effect(), 0.05);
        assertTrue(snr.passes(), "a bound of 0.6 on |ratio − 1| forgives a halved SNR");
        RealismComparison tight = RealismComparison.of(cohort("s", 300, 7, 50, 3), cohort("m", 300, 7, 25, 4),
                RealismTolerances.parse(List.of("snr_ratio=0.2")), new double[] {0, 1});
        assertFalse(tight.get(Feature.SNR).passes());
        assertTrue(tight.get(Feature.SNR).reason().contains("|median ratio − 1| = 0.5"),
                tight.get(Feature.SNR).reason());
    }

    @Test
    void aBoundNeverFailsAFeatureTheTestFindsAlike() {
        RealismComparison r = RealismComparison.of(cohort("s", 100, 7, 50, 5), cohort("m", 100, 7, 50, 6),
                RealismTolerances.parse(List.of("linewidth_hz=0.0001,sd_ratio=0")), new double[] {0, 1});
        assertTrue(r.allPass());
    }

    @Test
    void tooFewValuesAreNotTestedAndFailTheGate() {
        RealismComparison r = RealismComparison.of(cohort("s", 100, 7, 50, 7), cohort("m", 3, 7, 50, 8),
                RealismTolerances.parse(List.of("p=0.01")), new double[] {0, 1});
        assertEquals(FeatureComparison.NOT_TESTED, r.get(Feature.SNR).verdict());
        assertFalse(r.get(Feature.SNR).passes());
        assertTrue(Double.isNaN(r.get(Feature.SNR).pHolm()));
    }

    @Test
    void cohortsFromDifferentScannersAreComparedWithANote() {
        Cohort s = cohort("s", 50, 7, 50, 10);
        Cohort m = cohort("m", 50, 7, 50, 11);
        Cohort philips = new Cohort("m", "m", m.files(), m.spectra(), m.refused(), new double[] {127.74, 127.74},
                m.points(), m.dwellS(), m.notes(), m.provenance());
        assertEquals(List.of(), RealismComparison.of(s, m, RealismTolerances.none(), new double[] {0, 1}).notes());
        List<String> notes = RealismComparison.of(s, philips, RealismTolerances.none(), new double[] {0, 1}).notes();
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("synthetic 123.200 MHz, measured 127.740 MHz, +3.7 %"), notes.get(0));
    }

    @Test
    void theBandIsTheMeanAndSdPerPoint() {
        Cohort c = cohort("s", 400, 7, 50, 9);
        double[][] band = RealismComparison.band(c);
        assertEquals(0, band[0][0], 0.15);
        assertEquals(1, band[1][0], 0.1);
        assertEquals(1, band[0][1], 1e-12);
        assertEquals(0, band[1][1], 1e-12);
    }

    @Test
    void tolerancesParseAndRefuseNonsense() {
        RealismTolerances t = RealismTolerances.parse(List.of("p=0.05, linewidth_hz=1.5", "snr_ratio=0.2"));
        assertEquals(0.05, t.alpha());
        assertEquals(1.5, t.bound(Feature.LINEWIDTH));
        assertEquals(0.2, t.bound(Feature.SNR));
        assertTrue(Double.isNaN(t.bound(Feature.PHASE)));
        assertTrue(t.gating());
        assertFalse(RealismTolerances.parse(List.of()).gating());
        assertEquals(RealismTolerances.DEFAULT_ALPHA, RealismTolerances.parse(List.of("offset_hz=2")).alpha());
        for (String bad : List.of("p=2", "p=0", "snr=0.2", "linewidth_hz", "linewidth_hz=-1", "phase_deg=abc",
                "baseline_db=NaN")) {
            InputException e = assertThrows(InputException.class, () -> RealismTolerances.parse(List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("--tolerance: "), e.getMessage());
        }
    }
}

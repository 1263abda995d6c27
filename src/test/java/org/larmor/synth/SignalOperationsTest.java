package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;
import org.larmor.signal.Fourier;
import org.larmor.signal.SpectralMetrics;
import org.larmor.signal.Spectrum;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The building blocks of the signal model against direct calculation and against physics. */
class SignalOperationsTest {
    private static final int N = 2048;
    private static final double DWELL = 2.5e-4;

    @Test
    void fftAgreesWithTheReferenceTransformForwardAndBack() {
        for (int n : new int[] {2048, 16, 12}) {
            Random r = new Random(n);
            double[] re = new double[n];
            double[] im = new double[n];
            for (int k = 0; k < n; k++) {
                re[k] = r.nextGaussian();
                im[k] = r.nextGaussian();
            }
            double[][] ref = Fourier.forward(re, im);
            double[] x = re.clone();
            double[] y = im.clone();
            Fft f = new Fft(n);
            f.forward(x, y);
            for (int k = 0; k < n; k++) {
                assertEquals(ref[0][k], x[k], 1e-10 * n);
                assertEquals(ref[1][k], y[k], 1e-10 * n);
            }
            f.inverse(x, y);
            for (int k = 0; k < n; k++) {
                assertEquals(re[k], x[k], 1e-12);
                assertEquals(im[k], y[k], 1e-12);
            }
        }
    }

    @Test
    void recurrencesGiveTheExactDampedExponentials() {
        double[][] cases = {{0.3, -0.7, 123.4, 3.0, 0.0}, {1, 0, -50, 0, 8}, {2, 1, 10, 5, 300}, {1, 0, 1900, 1, 20}};
        for (double[] c : cases) {
            double[] re = new double[N + 3];
            double[] im = new double[N + 3];
            Lines.addLine(re, im, N + 3, DWELL, c[0], c[1], c[2], c[3], c[4]);
            double[] mr = new double[N + 3];
            double[] mi = new double[N + 3];
            Lines.modulateAdd(mr, mi, null, null, N + 3, DWELL, c[0], c[1], c[2], c[3],
                    Lines.modulationScratch(N + 3));
            for (int k = 0; k < N + 3; k++) {
                double t = k * DWELL;
                double env = Math.exp(-Math.PI * c[3] * t - Math.pow(Math.PI * c[4] * t, 2) / (4 * Math.log(2)));
                double ph = 2 * Math.PI * c[2] * t;
                double er = env * (c[0] * Math.cos(ph) - c[1] * Math.sin(ph));
                double ei = env * (c[0] * Math.sin(ph) + c[1] * Math.cos(ph));
                assertEquals(er, re[k], 1e-12, "addLine re at " + k);
                assertEquals(ei, im[k], 1e-12, "addLine im at " + k);
                double lr = Math.exp(-Math.PI * c[3] * t) * (c[0] * Math.cos(ph) - c[1] * Math.sin(ph));
                double li = Math.exp(-Math.PI * c[3] * t) * (c[0] * Math.sin(ph) + c[1] * Math.cos(ph));
                assertEquals(lr, mr[k], 1e-12, "modulateAdd re at " + k);
                assertEquals(li, mi[k], 1e-12, "modulateAdd im at " + k);
            }
        }
    }

    @Test
    void b0LineshapeIsTheAverageOverAUniformFieldDistribution() {
        // A linear gradient across a box-shaped voxel spreads the frequency uniformly over W Hz; the FID factor is
        // the average of exp(−i2πΔf·t) over that distribution.
        double w = 7.5;
        double[] re = new double[N];
        double[] im = new double[N];
        java.util.Arrays.fill(re, 1);
        Lines.multiplySinc(re, im, N, DWELL, w);
        int m = 4001;
        for (int k = 0; k < N; k += 37) {
            double t = k * DWELL;
            double sr = 0;
            double si = 0;
            for (int j = 0; j < m; j++) {
                double df = -w / 2 + w * j / (m - 1);
                double weight = (j == 0 || j == m - 1) ? 0.5 : 1;
                sr += weight * Math.cos(2 * Math.PI * df * t);
                si -= weight * Math.sin(2 * Math.PI * df * t);
            }
            assertEquals(sr / (m - 1), re[k], 1e-6, "t = " + t);
            assertEquals(si / (m - 1), im[k], 1e-12);
        }
    }

    @Test
    void eddyCurrentPhaseDecaysExponentially() {
        double[] re = new double[N];
        double[] im = new double[N];
        double phi0 = 0.4;
        for (double a : new double[] {0.3, -1.2}) {
            Phases.eddyAndZeroOrder(re, im, N, DWELL, phi0, a, 0.02);
            for (int k = 0; k < N; k++) {
                double expected = phi0 + a * Math.exp(-k * DWELL / 0.02);
                assertEquals(1, Math.hypot(re[k], im[k]), 1e-14);
                assertEquals(Math.cos(expected), re[k], 1e-14);
                assertEquals(Math.sin(expected), im[k], 1e-14);
            }
        }
    }

    @Test
    void positiveShiftMovesALineToHigherPpm() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm: {Singlet: 10}
                metabolite_lineshape: {lorentzian_hz: 3, shift_hz: 2.5}
                lineshape: {shift_hz: 1.5, reference: Singlet}
                """);
        Sample s = synth.generate(0, 0, false, false);
        Spectrum fine = Spectrum.of(s.fid(), SynthFixtures.MHZ, SynthFixtures.REF, 16 * SynthFixtures.N);
        assertEquals(2.008 + 4.0 / SynthFixtures.MHZ, SpectralMetrics.peakPositionPpm(fine, 1.9, 2.1), 1e-5);
    }

    @Test
    void firstOrderPhaseTurnsEachLineByPhi1TimesItsDistanceFromThePivot() {
        // One line per spectrum: another line's dispersion tail would add its own phase at the peak.
        for (String[] line : new String[][] {{"Singlet", "2.008"}, {"Cho", "3.185"}}) {
            Synthesiser synth = SynthFixtures.synthesiser("""
                    concentrations_mm: {%s: 10}
                    metabolite_lineshape: {lorentzian_hz: 4}
                    lineshape: {reference: %s}
                    phase: {zero_order_deg: 20, first_order_deg_per_ppm: 15, pivot_ppm: 3.0}
                    """.formatted(line[0], line[0]));
            Sample s = synth.generate(0, 0, false, false);
            double ppm = Double.parseDouble(line[1]);
            assertEquals(20 + 15 * (ppm - 3.0), phaseAt(s.fid(), ppm), 0.05, line[0]);
        }
    }

    @Test
    void zeroOrderPhaseRotatesTheWholeSpectrum() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm: {Singlet: 10}
                lineshape: {reference: Singlet}
                phase: {zero_order_deg: -70}
                """);
        Fid f = synth.generate(0, 0, false, false).fid();
        assertEquals(-70, Math.toDegrees(Math.atan2(f.im()[0], f.re()[0])), 1e-9);
        assertEquals(30, Math.hypot(f.re()[0], f.im()[0]), 1e-9, "10 mM of a 3-proton singlet");
    }

    @Test
    void macromoleculeComponentsAreGaussiansOfTheTabulatedWidth() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm: {Singlet: 0}
                lineshape: {reference: Singlet}
                macromolecules:
                  components: [{name: M0.90, ppm: 0.90, fwhm_ppm: 0.15, amplitude: 3}]
                  scale: 2
                """);
        Sample s = synth.generate(0, 0, true, false);
        Fid mm = s.component("macromolecules");
        assertEquals(6, mm.re()[0], 1e-12, "FID amplitude: scale × amplitude");
        Spectrum fine = Spectrum.of(mm, SynthFixtures.MHZ, SynthFixtures.REF, 8 * SynthFixtures.N);
        assertEquals(0.15 * SynthFixtures.MHZ, SpectralMetrics.fwhmHz(fine, 0.5, 1.3), 0.01 * 0.15 * SynthFixtures.MHZ);
        assertEquals(0.90, SpectralMetrics.peakPositionPpm(fine, 0.5, 1.3), 1e-4);
        assertEquals(6, s.value("mm.M0.90_amplitude"), 1e-12);
    }

    private static double phaseAt(Fid f, double ppm) {
        double[] x = TransientsAndCoilsTest.dtft(f, (SynthFixtures.REF - ppm) * SynthFixtures.MHZ);
        return Math.toDegrees(Math.atan2(x[1], x[0]));
    }

    @Test
    void seedsOfNeighbouringSpectraAreUnrelated() {
        assertTrue(Synthesiser.spectrumSeed(1, 0) != Synthesiser.spectrumSeed(0, 1));
        // No two (seed, index) pairs of a 64 × 64 grid share a spectrum seed (a collision would repeat a spectrum).
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long seed = 0; seed < 64; seed++) {
            for (long index = 0; index < 64; index++) {
                assertTrue(seen.add(Synthesiser.spectrumSeed(seed, index)), "seed " + seed + ", index " + index);
            }
        }
        // Neighbouring indices give seeds that differ in about half their bits, not in a few low ones.
        int bits = 0;
        for (long index = 0; index < 256; index++) {
            bits += Long.bitCount(Synthesiser.spectrumSeed(42, index) ^ Synthesiser.spectrumSeed(42, index + 1));
        }
        assertEquals(32, bits / 256.0, 2, "mean Hamming distance between neighbouring seeds");
    }
}

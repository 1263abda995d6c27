package org.larmor.rf;

import org.larmor.signal.Fourier;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small-tip approximation (Pauly J, Nishimura D, Macovski A. J Magn Reson 1989;81:43-56): for a small flip,
 * Mz stays ≈ 1 and, with Larmor's precession sense Ω = −2π·Δν, Mxy(Δν) ≈ −i·∫ω1(t)·e^{iφ(t)}·e^{−i2πΔν(T−t)} dt,
 * so |Mxy(Δν)| is the magnitude of the waveform's Fourier transform ∫b(t)·e^{−i2πνt} dt at ν = −Δν. For a
 * piecewise-constant waveform of dwell τ each sample contributes θ_k·e^{iφ_k}·sinc(πντ)·e^{−i2πν·t_k}; the sum
 * over samples is a zero-padded DFT ({@link Fourier}).
 */
class SmallTipProfileTest {
    private static final double T = 4e-3;
    private static final int PAD = 8192;

    /** |Mxy| by the Fourier transform at bins m (offsets m/(PAD·τ)); checks the Bloch profile at 5° against it. */
    private static void assertProfileIsFourierTransform(PulseShape s, double maxOffsetHz, String what) {
        assertProfileIsFourierTransform(s, PulseAnalysis.calibrate(s, T, Math.toRadians(5)).b1MaxHz(), maxOffsetHz,
                what);
    }

    /** As above at a given B1 (Hz) that makes a 5° pulse. */
    private static void assertProfileIsFourierTransform(PulseShape s, double b1MaxHz, double maxOffsetHz,
                                                        String what) {
        double flip = Math.toRadians(5);
        int n = s.sampleCount();
        double tau = T / n;
        double[] re = new double[PAD];
        double[] im = new double[PAD];
        for (int k = 0; k < n; k++) {
            double theta = 2 * Math.PI * b1MaxHz * s.amplitude(k) * tau;
            re[k] = theta * Math.cos(s.phaseRad(k));
            im[k] = theta * Math.sin(s.phaseRad(k));
        }
        double[][] ft = Fourier.forward(re, im);
        BlochSimulator sim = new BlochSimulator(s, T);
        double peak = Math.sin(flip);
        int compared = 0;
        double worst = 0;
        for (int m = 0; m < PAD; m++) {
            double nu = Fourier.binFrequencyHz(m, PAD, tau);
            if (Math.abs(nu) > maxOffsetHz) {
                continue;
            }
            double x = Math.PI * nu * tau;
            double holdFactor = x == 0 ? 1 : Math.sin(x) / x;
            double linear = Math.hypot(ft[0][m], ft[1][m]) * holdFactor;
            double bloch = sim.cayleyKlein(b1MaxHz, -nu).excitation().abs();
            worst = Math.max(worst, Math.abs(bloch - linear));
            compared++;
        }
        assertTrue(compared > 100, "compared " + compared + " offsets");
        assertTrue(worst < 0.02 * peak, what + ": largest |Bloch − Fourier| = " + worst / peak
                + " of the peak |Mxy| (allowed 2 %)");
    }

    @Test
    void smallTipSincProfileIsTheWaveformsFourierTransform() {
        assertProfileIsFourierTransform(PulseShapes.sinc(256, 3, false), 3 * 6 / T, "sinc 5 lobes");
        assertProfileIsFourierTransform(PulseShapes.sinc(256, 2, true), 3 * 4 / T, "Hamming sinc 3 lobes");
    }

    @Test
    void smallTipGaussianProfileIsTheWaveformsFourierTransform() {
        assertProfileIsFourierTransform(PulseShapes.gaussian(256, 0.01), 3000, "Gaussian 1 %");
    }

    /**
     * A linear phase ramp turns the RF field at a steady rate; it is resonant with the spins that precess with it.
     * Spins above the carrier precess clockwise (Ω = −2π·Δν), so the ramp φ(t) = −2π·f·t moves the excitation to
     * +f Hz: the asymmetric check of the frequency sign, against the Fourier transform and directly.
     */
    @Test
    void negativePhaseRampShiftsTheProfileAboveTheCarrier() {
        PulseShape g = PulseShapes.gaussian(256, 0.01);
        double shiftHz = 1500;
        double[] p = new double[256];
        double[] a = g.amplitude();
        for (int k = 0; k < 256; k++) {
            p[k] = -2 * Math.PI * shiftHz * (k + 0.5) * T / 256;
        }
        PulseShape shifted = PulseShape.of("gauss-shifted", "test", a, p);
        double b1 = PulseAnalysis.calibrate(g, T, Math.toRadians(5)).b1MaxHz(); // 5° at the shifted centre
        assertProfileIsFourierTransform(shifted, b1, 4000, "Gaussian shifted by +1500 Hz");
        BlochSimulator sim = new BlochSimulator(shifted, T);
        double[] nu = BlochSimulator.offsets(-4000, 4000, 801);
        double[] v = sim.profile(b1, nu).values(ProfileKind.EXCITATION);
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        assertEquals(shiftHz, nu[best], 10, "the excitation peak sits at +" + shiftHz + " Hz");
    }

    /** Small-tip bandwidth × duration of a sinc with n zero crossings each side is ≈ 2n (its spectrum's width). */
    @Test
    void sincTimeBandwidthIsTwiceTheZeroCrossingsEachSide() {
        for (int zc : new int[] {2, 3, 4}) {
            PulseShape s = PulseShapes.sinc(400, zc, false);
            double b1 = PulseAnalysis.calibrate(s, T, Math.toRadians(5)).b1MaxHz();
            double tbw = PulseAnalysis.bandwidthHz(s, T, b1, ProfileKind.EXCITATION) * T;
            // The truncated sinc's transform is a rectangle of width 2n/T convolved with a sinc of width ~1/T:
            // its half-maximum width stays 2n within the truncation ripple.
            assertEquals(2 * zc, tbw, 0.08 * 2 * zc, "sinc with " + zc + " zero crossings each side");
        }
    }
}

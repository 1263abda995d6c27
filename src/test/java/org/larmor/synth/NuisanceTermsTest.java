package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each nuisance term of the signal model changes the FID as its formula says, every other term off (no noise, no
 * broadening, no phase, no macromolecules or lipids): the spectrum with the term minus (or divided by) the same
 * spectrum without it is the term's closed form, point by point.
 */
class NuisanceTermsTest {
    static final String BASE = "concentrations_mm: {Singlet: 10}\n";
    static final String LS = "lineshape: {reference: Singlet";

    static Fid fid(String yaml) {
        return SynthFixtures.synthesiser(yaml).generate(0, 0, false, false).fid();
    }

    @Test
    void eddyCurrentTermIsAPhaseAExpMinusTOverTau() {
        double a = 0.8;
        double tau = 0.03;
        Fid plain = fid(BASE + LS + "}\n");
        Fid eddy = fid(BASE + LS + ", eddy_current: {amplitude_rad: " + a + ", time_constant_ms: " + tau * 1e3
                + "}}\n");
        assertEquals(30, Math.hypot(plain.re()[0], plain.im()[0]), 1e-9, "10 mM of a 3-proton singlet");
        for (int k = 0; k < SynthFixtures.N; k++) {
            double t = k * SynthFixtures.DWELL;
            double phi = a * Math.exp(-t / tau);
            double er = plain.re()[k] * Math.cos(phi) - plain.im()[k] * Math.sin(phi);
            double ei = plain.re()[k] * Math.sin(phi) + plain.im()[k] * Math.cos(phi);
            assertEquals(er, eddy.re()[k], 1e-11, "Re at " + k);
            assertEquals(ei, eddy.im()[k], 1e-11, "Im at " + k);
        }
        // Unwrapped phase difference at the start is A itself.
        double d = Math.atan2(eddy.im()[0], eddy.re()[0]) - Math.atan2(plain.im()[0], plain.re()[0]);
        assertEquals(a, d, 1e-12, "φ(0) = A");
    }

    @Test
    void residualWaterTermIsALorentzianLineAtItsPpmWithItsPhase() {
        double amp = 50;
        double ppm = 4.71;
        double lorentz = 8;
        double phaseDeg = 30;
        Fid plain = fid(BASE + LS + "}\n");
        Fid wet = fid(BASE + LS + "}\nresidual_water: {components: 1, amplitude: " + amp + ", ppm: " + ppm
                + ", lorentzian_hz: " + lorentz + ", phase_deg: " + phaseDeg + "}\n");
        double nu = (SynthFixtures.REF - ppm) * SynthFixtures.MHZ;
        double ph0 = Math.toRadians(phaseDeg);
        for (int k = 0; k < SynthFixtures.N; k++) {
            double t = k * SynthFixtures.DWELL;
            double env = amp * Math.exp(-Math.PI * lorentz * t);
            double ph = ph0 + 2 * Math.PI * nu * t;
            assertEquals(env * Math.cos(ph), wet.re()[k] - plain.re()[k], 1e-10, "Re at " + k);
            assertEquals(env * Math.sin(ph), wet.im()[k] - plain.im()[k], 1e-10, "Im at " + k);
        }
    }

    @Test
    void baselineTermIsABroadGaussianLineAtItsPpmWithItsPhase() {
        double amp = 20;
        double ppm = 2.5;
        double fwhm = 300;
        double phaseDeg = -45;
        Fid plain = fid(BASE + LS + "}\n");
        Fid withBaseline = fid(BASE + LS + "}\nbaseline: {components: 1, amplitude: " + amp + ", ppm: " + ppm
                + ", fwhm_hz: " + fwhm + ", phase_deg: " + phaseDeg + "}\n");
        double nu = (SynthFixtures.REF - ppm) * SynthFixtures.MHZ;
        double ph0 = Math.toRadians(phaseDeg);
        for (int k = 0; k < SynthFixtures.N; k++) {
            double t = k * SynthFixtures.DWELL;
            // A Gaussian line of FWHM G in frequency is exp(−(π·G·t)²/(4·ln 2)) in time.
            double env = amp * Math.exp(-Math.pow(Math.PI * fwhm * t, 2) / (4 * Math.log(2)));
            double ph = ph0 + 2 * Math.PI * nu * t;
            assertEquals(env * Math.cos(ph), withBaseline.re()[k] - plain.re()[k], 1e-10, "Re at " + k);
            assertEquals(env * Math.sin(ph), withBaseline.im()[k] - plain.im()[k], 1e-10, "Im at " + k);
        }
    }
}

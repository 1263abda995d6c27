package org.larmor.io;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.Fid;
import org.larmor.spin.Coupling;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

/** Basis sets for the format tests, simulated from sequences written in the user's YAML. */
final class IoFixtures {
    static final double B0 = 2.89;
    static final double F0_MHZ = 42.577478 * B0;
    static final int POINTS = 2048;
    static final double SW = 4000;
    static final double NAA_PPM = 2.008;

    private IoFixtures() {
    }

    static Sequence pulseAcquire() {
        return SequenceReader.parse("sequences/pa-3t.yaml", "name: pa-3t\ntemplate: pulse_acquire\nb0_t: " + B0
                + "\nacquisition: {points: " + POINTS + ", spectral_width_hz: " + SW + ", lorentzian_fwhm_hz: 2,"
                + " gaussian_fwhm_hz: 1}\n");
    }

    static Sequence megaPress() {
        return SequenceReader.parse("sequences/mega-3t.yaml", "name: mega-3t\ntemplate: mega_press\nb0_t: " + B0
                + "\nte1_ms: 14\nte2_ms: 54\nediting: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 20}\n"
                + "acquisition: {points: " + POINTS + ", spectral_width_hz: " + SW + ", lorentzian_fwhm_hz: 2}\n");
    }

    static SpinSystem naa() {
        return SpinSystem.of("NAA", List.of(Spin.protons("CH3", NAA_PPM, 3)), List.of());
    }

    static SpinSystem lac() {
        return SpinSystem.of("Lac", List.of(Spin.proton("H2", 4.0974), Spin.protons("H3", 1.3142, 3)),
                List.of(new Coupling("H2", "H3", 6.933)));
    }

    /**
     * A GABA-like coupled pair (C3H2 at 1.89 ppm, C4H2 at 3.01 ppm, J 7.5 Hz): MEGA's edit pulse at 1.9 ppm refocuses
     * the 3.01 ppm coupling, so, unlike NAA and lactate, it leaves a signal in DIFF.
     */
    static SpinSystem gabaPair() {
        return SpinSystem.of("GABA", List.of(Spin.protons("C3", 1.89, 2), Spin.protons("C4", 3.01, 2)),
                List.of(new Coupling("C3", "C4", 7.5)));
    }

    /** NAA, lactate and the GABA-like pair under MEGA-PRESS: DIFF keeps only GABA. */
    static BasisSet megaEdited() {
        return BasisSimulator.simulate(List.of(naa(), lac(), gabaPair()), megaPress(), null);
    }

    /** The shipped spin systems (the test runs in the project folder). */
    static org.larmor.spin.SpinLibrary library() {
        return org.larmor.spin.SpinLibrary.load(java.nio.file.Path.of("spin-systems"));
    }

    /** NAA singlet at 2.008 ppm under pulse-acquire. */
    static BasisSet singlet() {
        return BasisSimulator.simulate(List.of(naa()), pulseAcquire(), null);
    }

    /** NAA and lactate under pulse-acquire. */
    static BasisSet twoMetabolites() {
        return BasisSimulator.simulate(List.of(naa(), lac()), pulseAcquire(), null);
    }

    /** NAA and lactate under MEGA-PRESS: ON, OFF, DIFF. */
    static BasisSet mega() {
        return BasisSimulator.simulate(List.of(naa(), lac()), megaPress(), null);
    }

    /** Largest |a − b| over all points, relative to the largest |a| (absolute if a is zero, e.g. NAA's DIFF). */
    static double relativeError(Fid a, Fid b) {
        double max = 0;
        double diff = 0;
        for (int k = 0; k < a.points(); k++) {
            max = Math.max(max, Math.hypot(a.re()[k], a.im()[k]));
            diff = Math.max(diff, Math.hypot(a.re()[k] - b.re()[k], a.im()[k] - b.im()[k]));
        }
        return max == 0 ? diff : diff / max;
    }

    /** A SHA-256 in hex: 64 lower-case hex digits (so that "contains" or "equals" of it can fail). */
    static void assertSha256(String h, String what) {
        org.junit.jupiter.api.Assertions.assertTrue(h != null && h.matches("[0-9a-f]{64}"),
                what + " is not a SHA-256: " + h);
    }
}

package org.larmor.rf;

import java.util.List;
import org.junit.jupiter.api.Test;

import org.larmor.input.InputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text of {@code larmor pulse}: the facts, a 70 × 15 plot and the CSV. */
class PulseReportTest {
    @Test
    void reportNamesTheFactsOfAnAmplitudeModulatedPulse() {
        PulseShape mao = SamplePulsePhysicsTest.sample("sampleRefocPulse.pta");
        PulseSummary s = PulseAnalysis.analyse(mao, 5.2e-3, Math.PI);
        String text = PulseReport.text(s, 42.577478e6, "1H");
        double b1 = s.calibration().b1MaxHz();
        assertTrue(text.contains("Pulse: mao_400_4.mao_400_4"), text);
        assertTrue(text.contains("400 (uniform dwell 13.0 us)"), text);
        assertTrue(text.contains("AMPINT: 36.711385000"), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%.1f Hz = %.3f uT (1H)", b1,
                b1 / 42.577478e6 * 1e6)), text);
        assertTrue(text.contains("FWHM of |beta|^2"), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "time-bandwidth:    %.3f",
                s.timeBandwidthProduct())), text);
        assertTrue(!text.contains("adiabatic threshold"), text);
    }

    @Test
    void reportOfAnAdiabaticPulseGivesItsThreshold() {
        PulseShape hs2 = SamplePulsePhysicsTest.sample("sampleAFPpulse_HS2_R15.RF");
        String text = PulseReport.text(PulseAnalysis.analyse(hs2, 10e-3, Math.PI), 42.577478e6, "1H");
        assertTrue(text.contains("adiabatic threshold:"), text);
        assertTrue(text.contains("inversion bandwidth at 1.5 x threshold"), text);
        assertTrue(text.contains("[adiabatic threshold x 1.5]"), text);
    }

    @Test
    void onPhosphorusTheSameB1IsMoreMicroteslaAndTheSliceNeedsMoreGradient() {
        // γ/2π of 31P, 17.235 MHz/T (Harris et al., Pure Appl Chem 2001;73:1795), as the reader would look it up.
        double gammaP = 17.235e6;
        PulseShape hs2 = SamplePulsePhysicsTest.sample("sampleAFPpulse_HS2_R15.RF");
        PulseSummary s = PulseAnalysis.analyse(hs2, 10e-3, Math.PI);
        String p = PulseReport.text(s, gammaP, "31P");
        double b1 = s.calibration().b1MaxHz();
        assertTrue(p.contains(String.format(java.util.Locale.ROOT, "%.1f Hz = %.3f uT (31P)", b1, b1 / gammaP * 1e6)),
                p);
        double t = s.adiabaticThresholdHz().getAsDouble();
        assertTrue(p.contains(String.format(java.util.Locale.ROOT, "%.1f Hz = %.3f uT (31P)", t, t / gammaP * 1e6)),
                p);
        // G = bandwidth / (γ/2π · 10 mm), in mT/m.
        assertTrue(p.contains(String.format(java.util.Locale.ROOT, "slice gradient:    %.3f mT/m for a 10 mm slice"
                + " (31P)", s.bandwidthHz() / (gammaP * 0.010) * 1e3)), p);
        String h = PulseReport.text(s, 42.577478e6, "1H");
        assertTrue(!h.contains(String.format(java.util.Locale.ROOT, "%.3f uT", b1 / gammaP * 1e6)), h);
    }

    @Test
    void plotIsSeventyBySixteenCharactersOfProfile() {
        PulseShape sinc = PulseShapes.sinc(128, 2, true);
        PulseSummary s = PulseAnalysis.analyse(sinc, 2e-3, Math.PI / 2);
        String plot = PulseReport.plot(s.profile(), s.kind(), 70, 15);
        List<String> lines = plot.lines().toList();
        assertEquals(17, lines.size(), plot); // 15 rows, the axis, the offset labels
        for (int r = 0; r < 15; r++) {
            assertEquals(7 + 70, lines.get(r).length(), "row " + r);
        }
        // The peak of the excitation profile (|Mxy| = 1 on resonance) reaches the top row, the wings the bottom.
        assertTrue(lines.get(0).contains("*"), plot);
        assertEquals('*', lines.get(14).charAt(7), plot);
        assertTrue(lines.get(16).contains("Hz"), plot);
    }

    @Test
    void csvHasOneRowPerOffsetWithUnitMagnetisation() {
        PulseSummary s = PulseAnalysis.analyse(PulseShapes.gaussian(64, 0.05), 1e-3, Math.PI / 2);
        List<String> rows = PulseReport.csv(s.profile()).lines().toList();
        assertEquals("offset_hz,mx,my,mz,refocusing_efficiency,echo_re,echo_im", rows.get(0));
        assertEquals(s.profile().size() + 1, rows.size());
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",");
            assertEquals(7, c.length);
            double mx = Double.parseDouble(c[1]);
            double my = Double.parseDouble(c[2]);
            double mz = Double.parseDouble(c[3]);
            assertEquals(1, mx * mx + my * my + mz * mz, 1e-7, "|M| = 1 without relaxation");
        }
    }

    @Test
    void badDurationOrFlipIsAnInputErrorNamingTheOption() {
        PulseShape hard = PulseShapes.hard();
        InputException d = assertThrows(InputException.class, () -> PulseAnalysis.analyse(hard, 0, Math.PI));
        assertEquals("duration_ms", d.field());
        InputException f = assertThrows(InputException.class, () -> PulseAnalysis.analyse(hard, 1e-3, -1));
        assertEquals("flip_deg", f.field());
        PulseShape hs1 = PulseShapes.hyperbolicSecant(64, 1, 10, 5.3);
        InputException g = assertThrows(InputException.class, () -> PulseAnalysis.calibrate(hs1, 1e-3, 4));
        assertTrue(g.getMessage().contains("at most 180 degrees"), g.getMessage());
    }
}

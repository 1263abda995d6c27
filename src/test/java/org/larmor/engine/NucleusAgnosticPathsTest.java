package org.larmor.engine;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Nucleus;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import org.larmor.validate.BasisFiles;
import org.larmor.validate.LoadedSpectra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same templates on 1H and 31P: Larmor frequency γ·B0, the ppm axis referenced by each nucleus' convention, the
 * nucleus and spectrometer frequency in every written file; and the sign of a negative γ (15N).
 */
class NucleusAgnosticPathsTest {
    static final SpinLibrary LIB = SpinLibrary.load(Path.of("spin-systems"));

    static Sequence seq(String template, String nucleus, double b0, String extra) {
        return SequenceReader.parse(template + ".yaml", "template: " + template + "\nb0_t: " + b0 + "\nnucleus: "
                + nucleus + "\n" + extra + "acquisition: {points: 4096, spectral_width_hz: 10000}\n");
    }

    @Test
    void oneTemplateOnTwoNucleiGivesEachItsFrequencyReferenceAndFileHeaders(@TempDir Path tmp) throws Exception {
        for (String template : new String[] {"pulse_acquire", "spin_echo"}) {
            String te = template.equals("spin_echo") ? "te_ms: 20\n" : "";
            // γ/2π (Hz/T) and receiver default (ppm) written here, per nucleus: 1H water 4.65, 31P PCr 0.
            Object[][] cases = {{"1H", 42.577478e6, 4.65, "Cr"}, {"31P", 17.235e6, 0.0, "PCr"}};
            for (Object[] c : cases) {
                Sequence s = seq(template, (String) c[0], 2.89, te);
                double f0 = (double) c[1] * 2.89;
                assertEquals(f0, s.larmorHz(), 1e-3, c[0] + " Larmor frequency");
                assertEquals((double) c[2], s.acquisition().referencePpm(), 0, c[0] + " receiver default");
                SpinSystem sys = LIB.find((String) c[3]).orElseThrow();
                BasisSet set = BasisSimulator.simulate(List.of(sys), s, false, (BasisSimulator.Progress) null);
                Path out = tmp.resolve(template + "-" + c[0]);
                BasisWriters.write(set, Format.parse("lcmodel,nifti,fsl"), out);
                try (var files = Files.walk(out)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".nii.gz")
                            || p.toString().endsWith(".json") && !p.getFileName().toString().equals("provenance.json")
                            || p.toString().endsWith(".BASIS")).toList()) {
                        LoadedSpectra l = BasisFiles.load(f);
                        assertEquals(f0 * 1e-6, l.data().spectrometerMHz(), 1e-6, f + ": SpectrometerFrequency");
                        if (!f.toString().endsWith(".BASIS")) {
                            assertEquals(c[0], l.nucleus(), f + ": ResonantNucleus / basis_nucleus");
                        }
                    }
                }
                String prov = Files.readString(out.resolve("provenance.json"));
                assertTrue(prov.contains("\"nucleus\" : \"" + c[0] + "\"") || prov.contains("\"nucleus\":\"" + c[0]
                        + "\""), prov.substring(0, 400));
            }
        }
    }

    @Test
    void the31PSingletOfPcrAndTheCreatineMethylSitWhereEachConventionPutsThem() {
        // 1H: Cr CH3 at 3.027 ppm, receiver 4.65: f = (4.65 − 3.027)·f0(1H). 31P: PCr at 0, receiver 0: f = 0.
        double f1 = 42.577478 * 2.89;
        LineList cr = BasisSimulator.simulate(LIB.find("Cr").orElseThrow(), seq("pulse_acquire", "1H", 2.89, ""))
                .lines().values().iterator().next();
        boolean found = false;
        for (int k = 0; k < cr.size(); k++) {
            found |= Math.abs(cr.frequencyHz()[k] - (4.65 - 3.027) * f1) < 1e-6 && cr.amplitudeRe()[k] > 2.9;
        }
        assertTrue(found, "Cr methyl at (4.65 − 3.027)·f0");
        LineList pcr = BasisSimulator.simulate(LIB.find("PCr").orElseThrow(), seq("pulse_acquire", "31P", 2.89, ""))
                .lines().values().iterator().next();
        assertEquals(1, pcr.size());
        assertEquals(0, pcr.frequencyHz()[0], 1e-9);
    }

    /** Two 15N spins 0.5 ppm apart, J = 5 Hz at 2.89 T (f0 = 12.47 MHz, Δν = 6.2 Hz): a strongly coupled AB pair. */
    static SpinSystem nitrogenPair() {
        return SpinSystem.of("N2", List.of(new Spin("Na", 120.5, 1, Nucleus.N15), new Spin("Nb", 120.0, 1,
                Nucleus.N15)), List.of(new Coupling("Na", "Nb", 5.0)));
    }

    @Test
    void negativeGammaPrecessesTheOtherWayInTheRotatingFrame() {
        double hzPerPpm = 4.316 * 2.89;   // |γ/2π|·B0·1e-6
        SpinSystem n15 = nitrogenPair();
        SpinSystem h1 = SpinSystem.of("H2", List.of(new Spin("Na", 120.5, 1, Nucleus.H1), new Spin("Nb", 120.0, 1,
                Nucleus.H1)), List.of(new Coupling("Na", "Nb", 5.0)));
        Cluster cn = Simulator.clusters(n15, Nucleus.N15, hzPerPpm, 100).get(0);
        Cluster ch = Simulator.clusters(h1, Nucleus.H1, hzPerPpm, 100).get(0);
        for (int k = 0; k < 2; k++) {
            assertTrue(ch.offsetRadPerS()[k] < 0, "γ > 0: a shift above the receiver has Ω < 0");
            assertEquals(-ch.offsetRadPerS()[k], cn.offsetRadPerS()[k], 1e-9, "γ < 0: Ω = −γB0(δ − ref)");
        }
    }

    @Test
    void negativeGammaSpectrumKeepsTheOnDiskConventionThroughTheReceiver() {
        // The receiver of a negative-γ nucleus takes the opposite quadrature: on disk a line at δ is still at
        // f = (ref − δ)·f0. Closed-form AB quartet: centre ν_c, D = √(Δν² + J²), lines ν_c ± (D ± J)/2 with
        // intensities (1 ∓ J/D)/2 (outer weaker); the weaker outer line is on the side away from the partner.
        Sequence q = SequenceReader.parse("n.yaml", "template: pulse_acquire\nb0_t: 2.89\nnucleus: 15N\n"
                + "acquisition: {points: 4096, spectral_width_hz: 2000, reference_ppm: 100}\n");
        double f0 = 4.316 * 2.89;   // Hz per ppm
        assertEquals(4.316e6 * 2.89, q.larmorHz(), 1e-3, "spectrometer frequency |γ|·B0");
        LineList l = Simulator.simulate(nitrogenPair(), q).values().iterator().next();
        double fa = (100 - 120.5) * f0;
        double fb = (100 - 120.0) * f0;
        double centre = (fa + fb) / 2;
        double dnu = Math.abs(fa - fb);
        double d = Math.hypot(dnu, 5.0);
        List<double[]> got = new ArrayList<>();
        for (int k = 0; k < l.size(); k++) {
            got.add(new double[] {l.frequencyHz()[k], l.amplitudeRe()[k]});
        }
        got.sort((x, y) -> Double.compare(x[0], y[0]));
        double[] expectF = {centre - (d + 5) / 2, centre - (d - 5) / 2, centre + (d - 5) / 2, centre + (d + 5) / 2};
        double[] expectA = {(1 - 5 / d) / 2, (1 + 5 / d) / 2, (1 + 5 / d) / 2, (1 - 5 / d) / 2};
        assertEquals(4, got.size());
        for (int k = 0; k < 4; k++) {
            assertEquals(expectF[k], got.get(k)[0], 1e-9, "line " + k);
            assertEquals(expectA[k], got.get(k)[1], 1e-9, "line " + k);
        }
        assertTrue(centre < 0, "15N lines above the receiver ppm are at negative frequency, as for 1H");
    }
}

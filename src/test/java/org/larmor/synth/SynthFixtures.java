package org.larmor.synth;

import org.larmor.signal.Fid;
import org.larmor.signal.LineList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Analytic basis sets and scenarios for the synthesiser tests: 3 T (123.2 MHz), 2048 points at 4 kHz. */
final class SynthFixtures {
    static final double MHZ = 123.2;
    static final double DWELL = 1 / 4000.0;
    static final int N = 2048;
    static final double REF = 4.65;

    private SynthFixtures() {
    }

    /** A sum of undamped lines at the given ppm with the given FID amplitudes (protons). */
    static Fid lines(double[] ppm, double[] protons) {
        double[] f = new double[ppm.length];
        double[] im = new double[ppm.length];
        for (int k = 0; k < ppm.length; k++) {
            f[k] = (REF - ppm[k]) * MHZ;
        }
        return new LineList(f, protons.clone(), im).toFid(N, DWELL, 0, 0);
    }

    /**
     * Singlet-rich test metabolites: NAA (2.008 ppm, 3 H, plus its 2.49/2.67 ppm pair), Cr, Cho, a water line, and
     * an isolated 3-proton singlet at 2.008 ppm ("Singlet", whose phase no other line's dispersion disturbs).
     */
    static Map<String, Fid> singlets() {
        Map<String, Fid> m = new LinkedHashMap<>();
        m.put("NAA", lines(new double[] {2.008, 2.486, 2.673}, new double[] {3, 1, 1}));
        m.put("Cr", lines(new double[] {3.027, 3.913}, new double[] {3, 2}));
        m.put("Cho", lines(new double[] {3.185}, new double[] {9}));
        m.put("H2O", lines(new double[] {4.65}, new double[] {2}));
        m.put("Singlet", lines(new double[] {2.008}, new double[] {3}));
        return m;
    }

    /** The scenario's metabolites taken from {@code available} (by name), in the scenario's order. */
    static SynthBasis bind(Scenario sc, Map<String, Fid> available) {
        List<String> names = new ArrayList<>();
        List<Fid> fids = new ArrayList<>();
        for (Scenario.Metabolite m : sc.metabolites()) {
            Fid f = available.get(m.name());
            if (f == null) {
                throw new IllegalArgumentException("fixture has no " + m.name());
            }
            names.add(m.name());
            fids.add(f);
        }
        return new SynthBasis("test", names, names, fids, MHZ, REF, "1H", 0.03, 0, 0, 1);
    }

    /** A scenario from YAML (a dummy basis line is prepended; the test binds its own basis). */
    static Scenario scenario(String yaml) {
        return ScenarioReader.parse("test.yaml", "basis: {sequence: sequences/press-te30-3t.yaml}\n" + yaml,
                Path.of("").toAbsolutePath(), List.of(Path.of("scenarios/presets")));
    }

    static Synthesiser synthesiser(String yaml) {
        Scenario sc = scenario(yaml);
        return new Synthesiser(sc, bind(sc, singlets()));
    }
}

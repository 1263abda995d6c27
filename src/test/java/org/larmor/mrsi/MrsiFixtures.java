package org.larmor.mrsi;

import org.larmor.signal.Fid;
import org.larmor.synth.SynthBasis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small analytic bases and scenarios for the MRSI tests. */
final class MrsiFixtures {
    static final double MHZ = 123.2;
    static final double REF = 4.65;

    private MrsiFixtures() {
    }

    /** A scenario from YAML text, its paths resolved against scenarios/ (so ../sequences/… exists). */
    static MrsiScenario scenario(String yaml) {
        return MrsiScenarioReader.parse("test.yaml", yaml, Path.of("scenarios").toAbsolutePath(),
                List.of(Path.of("scenarios/presets")));
    }

    /** Undamped singlets: NAA 2.01 ppm (3 H), Cr 3.03 ppm (3 H), PCh 3.21 ppm (9 H), Ins 3.56 ppm (6 H). */
    static SynthBasis singlets(int points, double dwellS) {
        String[] names = {"NAA", "Cr", "PCh", "Ins"};
        double[] ppm = {2.01, 3.03, 3.21, 3.56};
        double[] protons = {3, 3, 9, 6};
        List<Fid> fids = new ArrayList<>();
        for (int q = 0; q < names.length; q++) {
            double[] re = new double[points];
            double[] im = new double[points];
            double f = -(ppm[q] - REF) * MHZ;
            for (int i = 0; i < points; i++) {
                double phi = 2 * Math.PI * f * i * dwellS;
                re[i] = protons[q] * Math.cos(phi);
                im[i] = protons[q] * Math.sin(phi);
            }
            fids.add(new Fid(re, im, dwellS));
        }
        return new SynthBasis("analytic singlets", List.of(names), List.of(names), fids, MHZ, REF, "1H", 0.03, 0, 0,
                1);
    }

    static final String BASIS = "basis: {sequence: ../sequences/press-te30-3t.yaml, points: 256}\n";

    static MrsiResult run(MrsiScenario sc, SynthBasis basis, int threads) {
        return MrsiSynthesiser.run(sc, 7, basis, new IdealPulseB1Response(basis.fids(), sc.b1().response()),
                threads);
    }
}

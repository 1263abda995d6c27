package org.larmor.synth;

import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.LineList;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixtures of the PitA dataset tests: an edited basis with two combinations, a basis of any length. */
final class PitAFixtures {
    /** Bytes of every .npy header NpyWriter writes for these shapes (magic, version, length, dict, padding). */
    static final int NPY_HEADER = 128;

    private PitAFixtures() {
    }

    /** Singlet (edited: inverted in ON) and Cr, two conditions ON/OFF, combinations DIFF = ON − OFF, SUM = ON + OFF. */
    static SynthBasis edited2(Scenario sc) {
        Fid cr = SynthFixtures.singlets().get("Cr");
        Fid on = SynthFixtures.lines(new double[] {2.008}, new double[] {-3});
        Fid off = SynthFixtures.lines(new double[] {2.008}, new double[] {3});
        List<String> names = sc.metabolites().stream().map(Scenario.Metabolite::name).toList();
        Map<String, Double> diff = new LinkedHashMap<>();
        diff.put("ON", 1.0);
        diff.put("OFF", -1.0);
        Map<String, Double> sum = new LinkedHashMap<>();
        sum.put("ON", 1.0);
        sum.put("OFF", 1.0);
        return new SynthBasis("test", names, names, List.of("ON", "OFF"), List.of(List.of(on, cr), List.of(off, cr)),
                List.of(new Sequence.Combination("DIFF", diff), new Sequence.Combination("SUM", sum)),
                SynthFixtures.MHZ, SynthFixtures.REF, "1H", 0.068, 0, 0, 1);
    }

    static Synthesiser edited2(String yaml) {
        Scenario sc = SynthFixtures.scenario("concentrations_mm: {Singlet: 10, Cr: 8}\n"
                + "lineshape: {reference: Singlet}\n" + yaml);
        return new Synthesiser(sc, edited2(sc));
    }

    /** Singlet and Cr sampled at {@code n} points, echo time {@code te} (NaN: none stated). */
    static Synthesiser ofLength(int n, double te, String yaml) {
        Scenario sc = SynthFixtures.scenario("concentrations_mm: {Singlet: 10, Cr: 8}\n"
                + "lineshape: {reference: Singlet}\n" + yaml);
        Fid singlet = line(n, new double[] {2.008}, new double[] {3});
        Fid cr = line(n, new double[] {3.027, 3.913}, new double[] {3, 2});
        List<String> names = List.of("Singlet", "Cr");
        return new Synthesiser(sc, new SynthBasis("test", names, names, List.of(singlet, cr), SynthFixtures.MHZ,
                SynthFixtures.REF, "1H", te, 0, 0, 1));
    }

    private static Fid line(int n, double[] ppm, double[] protons) {
        double[] f = new double[ppm.length];
        for (int k = 0; k < ppm.length; k++) {
            f[k] = (SynthFixtures.REF - ppm[k]) * SynthFixtures.MHZ;
        }
        return new LineList(f, protons.clone(), new double[ppm.length]).toFid(n, SynthFixtures.DWELL, 0, 0);
    }

    static Dataset.Options options(long count, int chunk, boolean components, boolean transients, boolean nifti) {
        return new Dataset.Options(count, 11, chunk, 1, components, transients, nifti, false, false);
    }

    /** The complex64 value at flat index {@code idx} of an .npy file (after its 128-byte header). */
    static float[] npyValue(byte[] file, long idx) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) (NPY_HEADER + 8 * idx);
        return new float[] {b.getFloat(at), b.getFloat(at + 4)};
    }

    static byte[] bytes(Path p) throws java.io.IOException {
        return Files.readAllBytes(p);
    }
}

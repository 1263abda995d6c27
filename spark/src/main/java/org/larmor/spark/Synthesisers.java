package org.larmor.spark;

import org.larmor.synth.Scenario;
import org.larmor.synth.ScenarioReader;
import org.larmor.synth.SynthBasis;
import org.larmor.synth.Synthesiser;
import org.larmor.synth.Truth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One synthesiser per scenario per JVM: an executor builds it (reads the scenario, makes or reads its basis) for
 * its first task and reuses it for every later one. In local mode the driver's is reused as it is.
 */
final class Synthesisers {
    private static final ConcurrentHashMap<String, Synthesiser> BUILT = new ConcurrentHashMap<>();

    private Synthesisers() {
    }

    /** Reads the scenario as {@code larmor synth} does, and builds its synthesiser. */
    static Synthesiser build(String scenarioPath, String text, Path spinSystems, Path presets) {
        Path file = Path.of(scenarioPath);
        Scenario sc = ScenarioReader.parse(scenarioPath, text, file.toAbsolutePath().getParent(),
                presets == null ? List.of() : List.of(presets));
        return new Synthesiser(sc, SynthBasis.load(sc, spinSystems));
    }

    /** Registers the driver's synthesiser (local mode: tasks in this JVM use it). */
    static void register(SynthSpec spec, Synthesiser s) {
        BUILT.put(key(spec), s);
    }

    /** This JVM's synthesiser for the spec, built on first use and checked against the driver's fingerprint. */
    static Synthesiser of(SynthSpec spec) {
        Synthesiser s = BUILT.computeIfAbsent(key(spec), k -> build(spec.scenarioPath(), spec.scenarioText(),
                spec.spinSystems() == null ? null : Path.of(spec.spinSystems()),
                spec.presets() == null ? null : Path.of(spec.presets())));
        String here = fingerprint(s);
        if (!here.equals(spec.fingerprint())) {
            throw new IllegalStateException("this executor's basis for " + spec.scenarioPath() + " differs from the"
                    + " driver's (fingerprint " + here.substring(0, 12) + " against " + spec.fingerprint()
                    .substring(0, 12) + "): the scenario's basis, sequence, spin-system or preset files are not the"
                    + " same on every node; put them on a shared file system");
        }
        return s;
    }

    private static String key(SynthSpec spec) {
        return spec.scenarioPath() + '\0' + spec.scenarioText() + '\0' + spec.spinSystems() + '\0' + spec.presets();
    }

    /**
     * SHA-256 of everything the spectra are made from: the scenario's hash, the truth schema and every basis FID's
     * bits. Equal fingerprints give equal spectra for equal (seed, index).
     */
    static String fingerprint(Synthesiser s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(s.scenario().sha256().getBytes(StandardCharsets.UTF_8));
            Truth.Schema schema = s.schema();
            md.update(String.join(",", schema.columns()).getBytes(StandardCharsets.UTF_8));
            ByteBuffer bb = ByteBuffer.allocate(8);
            for (var condition : s.basis().conditionFids()) {
                for (var fid : condition) {
                    for (double[] part : new double[][] {fid.re(), fid.im()}) {
                        for (double v : part) {
                            bb.clear();
                            bb.putDouble(v);
                            md.update(bb.array());
                        }
                    }
                }
            }
            bb.clear();
            bb.putDouble(s.basis().hzPerPpm());
            md.update(bb.array());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

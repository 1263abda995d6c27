package org.larmor.sequence;

import org.larmor.input.InputException;
import org.larmor.input.YamlMap;
import org.larmor.rf.Calibration;
import org.larmor.rf.PulseAnalysis;
import org.larmor.rf.PulseFiles;
import org.larmor.rf.PulseShape;
import org.larmor.rf.PulseShapes;
import org.larmor.rf.ProfileKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads one pulse description of a sequence file:
 * <pre>
 *   {flip_deg: 90, phase_deg: 90}                                   # ideal (the default)
 *   {shape: sinc, lobes: 3, hamming: true, duration_ms: 2.6, flip_deg: 90}
 *   {shape: hs, n: 1, r: 10, duration_ms: 4.5, flip_deg: 180}       # adiabatic full passage
 *   {file: pulses/mao.pta, duration_ms: 5.2, flip_deg: 180}
 * </pre>
 * The peak B1 is calibrated for the flip angle (or given as {@code b1_max_hz}); for adiabatic pulses it is the
 * adiabatic threshold × {@value PulseAnalysis#ADIABATIC_MARGIN}. The slice bandwidth is the profile's FWHM at that
 * B1 (or given as {@code bandwidth_hz}).
 */
final class PulseSpecReader {
    private PulseSpecReader() {
    }

    static PulseSpec read(YamlMap m, String key, double flipDeg, double phaseDeg, Path baseDir) {
        return read(m, key, flipDeg, phaseDeg, baseDir, java.util.Set.of());
    }

    /** As {@link #read(YamlMap, String, double, double, Path)}, tolerating {@code otherKeys} that the caller reads. */
    static PulseSpec read(YamlMap m, String key, double flipDeg, double phaseDeg, Path baseDir,
                          java.util.Set<String> otherKeys) {
        if (!m.has(key)) {
            return PulseSpec.ideal(flipDeg, phaseDeg);
        }
        java.util.Set<String> allowed = new java.util.HashSet<>(java.util.Set.of("flip_deg", "phase_deg", "pulse",
                "shape", "file", "duration_ms", "b1_max_hz", "bandwidth_hz", "lobes", "hamming", "samples", "n", "r",
                "truncation"));
        allowed.addAll(otherKeys);
        YamlMap p = m.map(key).allowOnly(allowed);
        double flip = p.number("flip_deg", -720, 720, "degrees", flipDeg);
        double phase = p.number("phase_deg", -360, 360, "degrees", phaseDeg);
        String shapeName = p.string("shape", p.string("pulse", p.has("file") ? "file" : "ideal"))
                .toLowerCase(Locale.ROOT);
        if (shapeName.equals("ideal")) {
            if (p.has("file") || p.has("duration_ms")) {
                throw p.error("an ideal pulse has no file or duration; write shape: sinc|gaussian|hard|hs or file:");
            }
            return PulseSpec.ideal(flip, phase);
        }
        double duration = p.milli("duration_ms", 0.001, 100, "ms");
        int samples = p.integer("samples", 16, 100_000, 256);
        PulseShape shape;
        String description;
        String filePath = null;
        boolean adiabatic = false;
        switch (shapeName) {
            case "file" -> {
                String f = p.string("file");
                Path path = baseDir.resolve(f);
                if (!Files.exists(path)) {
                    path = Path.of(f);
                }
                filePath = path.toAbsolutePath().normalize().toString();
                if (!Files.exists(path)) {
                    throw p.require("file").error("pulse file not found: " + baseDir.resolve(f));
                }
                shape = PulseFiles.read(path);
                adiabatic = PulseAnalysis.looksAdiabatic(shape);
                description = "file " + f;
            }
            case "hard" -> {
                shape = PulseShapes.hard();
                description = "hard";
            }
            case "sinc" -> {
                int lobes = p.integer("lobes", 1, 20, 3);
                shape = PulseShapes.sinc(samples, lobes, p.bool("hamming", true));
                description = "sinc, " + lobes + " zero crossings each side" + (p.bool("hamming", true)
                        ? ", Hamming window" : "");
            }
            case "gaussian" -> {
                double edge = p.number("truncation", 1e-6, 0.9, "", 0.01);
                shape = PulseShapes.gaussian(samples, edge);
                description = "Gaussian, truncated at " + edge + " of peak";
            }
            case "hs" -> {
                int n = p.integer("n", 1, 16, 1);
                double r = p.number("r", 1, 1000, "", 10);
                double beta = p.number("truncation", 0.1, 20, "", 5.3);
                shape = PulseShapes.hyperbolicSecant(samples, n, r, beta);
                adiabatic = true;
                description = "HS" + n + ", R = " + r;
            }
            default -> throw p.require(p.has("shape") ? "shape" : "pulse").error("unknown pulse shape \"" + shapeName
                    + "\"; known: ideal, hard, sinc, gaussian, hs, or file:");
        }
        if (!(flip > 0)) {
            // A shaped B1 envelope has one sense of rotation; the opposite sense is the same pulse 180° out of phase.
            throw (p.has("flip_deg") ? p.require("flip_deg") : p).error("a shaped pulse takes a positive flip_deg, got "
                    + flip + "; for the opposite sense of rotation add 180 to phase_deg");
        }
        double flipRad = Math.toRadians(flip);
        double b1;
        ProfileKind kind = Math.abs(flip) >= PulseAnalysis.REFOCUSING_PROFILE_FROM_DEG
                ? (adiabatic ? ProfileKind.INVERSION : ProfileKind.REFOCUSING) : ProfileKind.EXCITATION;
        try {
            if (p.has("b1_max_hz")) {
                b1 = p.number("b1_max_hz", 1, 1e6, "Hz");
            } else if (adiabatic) {
                double threshold = PulseAnalysis.adiabaticThresholdHz(shape, duration).orElseThrow(() ->
                        p.error("no adiabatic threshold found for this pulse below 3× its calibrated B1; give"
                                + " b1_max_hz"));
                b1 = threshold * PulseAnalysis.ADIABATIC_MARGIN;
            } else {
                Calibration c = PulseAnalysis.calibrate(shape, duration, flipRad);
                b1 = c.b1MaxHz();
            }
        } catch (InputException e) {
            // The calibration names the shape, not where it was written: point at this pulse in the sequence file.
            if (e.location().line() > 0) {
                throw e;
            }
            throw (e.field() != null && p.has(e.field()) ? p.require(e.field()) : p).error(e.problem());
        } catch (RuntimeException e) {
            throw p.error("cannot calibrate this pulse: " + e.getMessage());
        }
        double simulated = PulseAnalysis.bandwidthHz(shape, duration, b1, kind);
        double bw = simulated;
        if (p.has("bandwidth_hz")) {
            bw = p.number("bandwidth_hz", 1, 1e6, "Hz");
            // The slice gradient is set from this bandwidth: if the pulse's own profile is much wider or narrower,
            // the simulated slices would not be the voxel. Refuse rather than simulate the wrong voxel.
            if (simulated > 0 && Math.abs(bw - simulated) > 0.10 * simulated) {
                throw p.require("bandwidth_hz").error(String.format(Locale.ROOT, "bandwidth_hz %.1f Hz differs by more"
                        + " than 10 %% from this pulse's simulated %s profile FWHM, %.1f Hz: the slices would not match"
                        + " the voxel. Remove bandwidth_hz, or change the pulse (duration, lobes) to reach it.", bw,
                        kind.name().toLowerCase(Locale.ROOT), simulated));
            }
        }
        if (!(bw > 0)) {
            throw p.error("cannot determine the slice bandwidth of this pulse; give bandwidth_hz");
        }
        description += String.format(Locale.ROOT, ", %.3g ms, B1max %.1f Hz, bandwidth %.1f Hz", duration * 1e3, b1,
                bw);
        // What makes this pulse again, bit for bit: the keys as written, the calibration's results, an absolute path.
        java.util.Map<String, Object> written = new java.util.LinkedHashMap<>(p.toPlain());
        otherKeys.forEach(written::remove);
        written.remove("pulse");
        written.put("flip_deg", flip);
        written.put("phase_deg", phase);
        if (filePath != null) {
            written.put("file", filePath);
        }
        written.put("b1_max_hz", b1);
        written.put("bandwidth_hz", bw);
        if (!written.containsKey("shape") && filePath == null) {
            written.put("shape", shapeName);
        }
        return new PulseSpec(flipRad, Math.toRadians(phase), shape, duration, b1, bw, description, written);
    }
}

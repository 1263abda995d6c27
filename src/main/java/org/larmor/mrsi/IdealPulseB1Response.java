package org.larmor.mrsi;

import org.larmor.signal.Fid;

import java.util.ArrayList;
import java.util.List;

/**
 * The B1 dependence of an uncoupled spin under ideal (hard, coherence-selected) pulses of flip s·θ_nominal, applied
 * as one amplitude factor g(s)/g(1) to every basis FID:
 *
 * <ul>
 *   <li>{@code none}: 1 (the map is written as truth only);</li>
 *   <li>{@code pulse_acquire} (90°): g = sin(s·π/2);</li>
 *   <li>{@code spin_echo} (90°–180°): g = sin(s·π/2)·sin²(s·π/2), the echo of a refocusing pulse of flip β being
 *       ∝ sin²(β/2);</li>
 *   <li>{@code press} (90°–180°–180°): g = sin(s·π/2)·sin⁴(s·π/2);</li>
 *   <li>{@code steam} (90°–90°–90°): g = sin³(s·π/2).</li>
 * </ul>
 *
 * <p>Exact for singlets; for J-coupled spins the flip angle also changes the multiplet's shape, which this factor
 * does not model (an interpolated basis simulated at several B1 scales does, through {@link B1Response}).
 */
public final class IdealPulseB1Response implements B1Response {
    /** The response names, as the scenario writes them. */
    public static final List<String> MODELS = List.of("none", "pulse_acquire", "spin_echo", "press", "steam");

    private final List<Fid> nominal;
    private final String model;

    public IdealPulseB1Response(List<Fid> nominal, String model) {
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("unknown B1 response " + model);
        }
        this.nominal = List.copyOf(nominal);
        this.model = model;
    }

    @Override
    public List<Fid> fids(double scale) {
        double g = singletGain(scale);
        List<Fid> out = new ArrayList<>(nominal.size());
        for (Fid f : nominal) {
            double[] re = f.re().clone();
            double[] im = f.im().clone();
            for (int k = 0; k < re.length; k++) {
                re[k] *= g;
                im[k] *= g;
            }
            out.add(new Fid(re, im, f.dwellS()));
        }
        return out;
    }

    @Override
    public double singletGain(double scale) {
        return gain(model, scale) / gain(model, 1);
    }

    @Override
    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("model", model);
        m.put("gain", "g(s)/g(1) on every basis FID and the lipids (ideal pulses, uncoupled spin)");
        return m;
    }

    /** g(s) of a model (unnormalised). */
    static double gain(String model, double s) {
        double e = Math.sin(s * Math.PI / 2);
        return switch (model) {
            case "none" -> 1;
            case "pulse_acquire" -> e;
            case "spin_echo" -> e * e * e;
            case "press" -> e * e * e * e * e;
            case "steam" -> e * e * e;
            default -> throw new IllegalArgumentException(model);
        };
    }
}

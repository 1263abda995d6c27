package org.larmor.sequence;

import org.larmor.rf.PulseShape;

import java.util.List;
import java.util.Map;

/**
 * A pulse as a sequence file describes it: ideal (instantaneous) or a shaped waveform with its duration, calibrated
 * peak B1 and slice-profile bandwidth. It becomes an event once its gradient axis and slice thickness are known.
 *
 * @param flipRad     nominal flip angle
 * @param phaseRad    overall phase
 * @param shape       waveform, or null for an ideal pulse
 * @param durationS   duration (0 for ideal)
 * @param b1MaxHz     peak γB1/2π (NaN for ideal)
 * @param bandwidthHz slice-profile FWHM used for slice selection (NaN for ideal)
 * @param description how it was specified, for provenance ("ideal", "file x.pta, 5.2 ms", "sinc 3 lobes, 2.6 ms")
 * @param written     the YAML keys that make this pulse again, with the calibrated B1 and bandwidth filled in and
 *                    any file path made absolute (empty for ideal pulses)
 */
public record PulseSpec(double flipRad, double phaseRad, PulseShape shape, double durationS, double b1MaxHz,
                        double bandwidthHz, String description, Map<String, Object> written) {
    public PulseSpec {
        written = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(written));
    }

    public static PulseSpec ideal(double flipDeg, double phaseDeg) {
        return new PulseSpec(Math.toRadians(flipDeg), Math.toRadians(phaseDeg), null, 0, Double.NaN, Double.NaN,
                "ideal", Map.of());
    }

    public boolean isIdeal() {
        return shape == null;
    }

    /**
     * The event: an ideal pulse, or a shaped pulse whose gradient selects a slice of {@code thicknessM} along
     * {@code axis} (G = bandwidth / thickness), or a non-selective shaped pulse when {@code axis} is −1.
     */
    public Event event(String label, double carrierPpm, int axis, double thicknessM) {
        return event(label, carrierPpm, List.of(), Double.NaN, 0, axis, thicknessM);
    }

    /**
     * As {@link #event(String, double, int, double)}, acting only on {@code bandsPpm} (each {@code bandWidthHz}
     * wide for an ideal pulse): a shaped pulse is modulated to the bands (two or more: a multi-band editing pulse),
     * an ideal one becomes band-selective.
     *
     * @param hzPerPpm f0·10⁻⁶, to place the bands (needed when there are two or more)
     */
    public Event event(String label, double carrierPpm, List<Double> bandsPpm, double hzPerPpm, double bandWidthHz,
                       int axis, double thicknessM) {
        if (isIdeal()) {
            List<Event.Band> bands = bandsPpm.stream().map(c -> new Event.Band(c, bandWidthHz)).toList();
            return new Event.Pulse(label, flipRad, phaseRad, bands);
        }
        double g = axis >= 0 ? bandwidthHz / thicknessM : 0;
        // One band: played there. Several: modulated about their mean. None: at the file's carrier.
        double carrier = switch (bandsPpm.size()) {
            case 0 -> carrierPpm;
            case 1 -> bandsPpm.get(0);
            default -> bandsPpm.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        };
        return ShapedPulses.of(label, this, carrier, bandsPpm.size() > 1 ? bandsPpm : List.of(), hzPerPpm, axis, g,
                new Event.Origin(this, bandsPpm, axis >= 0 ? thicknessM : Double.NaN));
    }
}

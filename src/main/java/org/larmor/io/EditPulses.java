package org.larmor.io;

import org.larmor.sequence.Event;
import org.larmor.sequence.Sequence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The NIfTI-MRS {@code EditPulse} structure (specification §5.7): per condition, the editing pulse's
 * {@code PulseOffset} (ppm), {@code PulseDuration} (s, shaped pulses only: an ideal pulse has none) and
 * {@code Nucleus}. The offset is a number, or a list of band centres for a multi-band pulse, as spec2nii writes
 * HERMES' dual-lobe pulses (the specification says "number"; validators do not type-check inside EditPulse).
 *
 * <p>An editing pulse is the first ideal pulse with chemical-shift bands, or the first shaped pulse the templates
 * label "edit …". A condition that plays none (an 'off' condition without a control pulse) is absent here but stays
 * in {@code EditCondition}: it has no pulse parameters to give, and an invented offset would misdescribe it.
 */
public final class EditPulses {
    private EditPulses() {
    }

    /** EditPulse for {@code conditions} (acquired condition names), in their order; empty if none has a pulse. */
    public static Map<String, Object> of(Sequence seq, List<String> conditions) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String c : conditions) {
            Map<String, Object> p = pulse(seq, seq.variant(c, 0).events());
            if (p != null) {
                out.put(c, p);
            }
        }
        return out;
    }

    private static Map<String, Object> pulse(Sequence seq, List<Event> events) {
        for (Event e : events) {
            List<Double> offsets = new ArrayList<>();
            Double duration = null;
            if (e instanceof Event.Pulse p && !p.bands().isEmpty()) {
                p.bands().forEach(b -> offsets.add(b.centerPpm()));
            } else if (e instanceof Event.ShapedPulse s && s.label() != null
                    && s.label().toLowerCase(Locale.ROOT).startsWith("edit")) {
                if (s.origin() != null && s.origin().bandsPpm().size() > 1) {
                    offsets.addAll(s.origin().bandsPpm());
                } else {
                    offsets.add(s.carrierPpm());
                }
                duration = s.totalDurationS();
            } else {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("PulseOffset", offsets.size() == 1 ? offsets.get(0) : List.copyOf(offsets));
            if (duration != null) {
                m.put("PulseDuration", duration);
            }
            m.put("Nucleus", seq.nucleus().symbol());
            return m;
        }
        return null;
    }
}

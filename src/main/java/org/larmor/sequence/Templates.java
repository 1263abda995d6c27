package org.larmor.sequence;

import org.larmor.sequence.Event.Acquire;
import org.larmor.sequence.Event.Crusher;
import org.larmor.sequence.Event.Delay;
import org.larmor.sequence.Event.Pulse;
import org.larmor.sequence.Event.SelectCoherence;

import java.util.List;

/**
 * The named sequences, each a short list of steps that reads like its sequence diagram. Ideal pulses are
 * instantaneous, so delays run from pulse centre to pulse centre and acquisition starts at the echo top.
 *
 * <p>Coherence pathways (what crushers select): PRESS −1 → +1 → −1 and STEAM +1 → 0 → −1, as in the FSL-MRS
 * simulator's CoherenceFilter and in Moonen CTW et al., NMR Biomed 1989;2:201-208 (PRESS, STEAM comparison).
 */
public final class Templates {
    private Templates() {
    }

    /** Pulse, then acquire: the FID. */
    public static List<Event> pulseAcquire(Pulse excitation) {
        return List.of(excitation, new SelectCoherence(-1), new Acquire());
    }

    /** 90 – TE/2 – 180 – TE/2 – acquire (Hahn EL. Phys Rev 1950;80:580). */
    public static List<Event> spinEcho(double teS, Pulse excitation, Pulse refocusing) {
        return List.of(
                excitation, new SelectCoherence(+1),
                new Delay(teS / 2),
                refocusing, new SelectCoherence(-1),
                new Delay(teS / 2),
                new Acquire());
    }

    /**
     * PRESS (Bottomley PA. US Patent 4,480,228, 1984; Ann NY Acad Sci 1987;508:333-348):
     * 90 – TE1/2 – 180 – (TE1+TE2)/2 – 180 – TE2/2 – acquire.
     */
    public static List<Event> press(double te1S, double te2S, Pulse excitation, Pulse refocusing1, Pulse refocusing2) {
        return List.of(
                excitation, new SelectCoherence(-1),
                new Delay(te1S / 2),
                refocusing1, new SelectCoherence(+1),
                new Delay((te1S + te2S) / 2),
                refocusing2, new SelectCoherence(-1),
                new Delay(te2S / 2),
                new Acquire());
    }

    /**
     * STEAM (Frahm J et al., J Magn Reson 1987;72:502-508): 90 – TE/2 – 90 – TM – 90 – TE/2 – acquire,
     * keeping the stimulated-echo pathway, which carries half the magnetisation.
     */
    public static List<Event> steam(double teS, double tmS, Pulse first, Pulse second, Pulse third) {
        return List.of(
                first, new SelectCoherence(+1),
                new Delay(teS / 2),
                second, new SelectCoherence(0),
                new Delay(tmS),
                third, new SelectCoherence(-1),
                new Delay(teS / 2),
                new Acquire());
    }

    /**
     * MEGA-PRESS (Mescher M et al., NMR Biomed 1998;11:266-272): PRESS with two frequency-selective editing pulses
     * in the second echo period, at {@code edit1S} and {@code edit2S} after the excitation. Refocusing of the
     * J-evolution of the edited coupling partner is complete when edit2 − edit1 = TE/2.
     *
     * <p>Pathways are selected as the gradients select them, by crusher pairs around each refocusing pulse and
     * around each editing pulse (one dephasing direction each), not by per-step order filters: a spin inside the
     * editing band is refocused by the editing pulses and so follows a different order path (−1, +1, −1, +1, −1)
     * than one outside (−1, +1, +1, −1, −1); the crusher pairs refocus both.
     */
    public static List<Event> megaPress(double te1S, double te2S, Pulse excitation, Pulse refocusing1,
                                        Pulse refocusing2, Pulse edit1, double edit1S, Pulse edit2, double edit2S) {
        double refocus2S = te1S + te2S / 2;
        double teS = te1S + te2S;
        Crusher aroundRefocusing1 = new Crusher(new int[] {1, 0, 0});
        Crusher aroundRefocusing2 = new Crusher(new int[] {0, 1, 0});
        Crusher aroundEdit = new Crusher(new int[] {0, 0, 1});
        return List.of(
                excitation,
                new Delay(te1S / 2),
                aroundRefocusing1, refocusing1, aroundRefocusing1,
                new Delay(edit1S - te1S / 2),
                aroundEdit, edit1, aroundEdit,
                new Delay(refocus2S - edit1S),
                aroundRefocusing2, refocusing2, aroundRefocusing2,
                new Delay(edit2S - refocus2S),
                aroundEdit, edit2, aroundEdit,
                new Delay(teS - edit2S),
                new SelectCoherence(-1),
                new Acquire());
    }
}

package org.larmor.realism;

import org.larmor.input.InputException;
import org.larmor.spin.Nucleus;

import java.util.Locale;

/**
 * The singlet that SNR, linewidth, frequency offset and phase are measured on: its expected shift and the window
 * in which its maximum must lie.
 *
 * @param name        "NAA", "tCr", "tCho", "water", or the shift as given
 * @param expectedPpm where the peak belongs, ppm
 * @param lowPpm      low end of the search window, ppm
 * @param highPpm     high end
 */
public record ReferencePeak(String name, double expectedPpm, double lowPpm, double highPpm) {
    /**
     * NAA's methyl singlet at 2.008 ppm, tCr's methyl singlet at 3.027 ppm, tCho's trimethyl singlet at 3.185–3.21
     * ppm (Govindaraju V, Young K, Maudsley AA. NMR Biomed 2000;13:129-153). The windows are wide enough for the
     * frequency offsets of unreferenced data (NAA ±0.2 ppm, ±25 Hz at 3 T) and narrow enough to hold no larger
     * singlet: the largest local maximum in them is the reference.
     */
    public static ReferencePeak named(String text, String windowText) {
        String t = text.trim();
        ReferencePeak p = switch (t.toLowerCase(Locale.ROOT)) {
            case "naa" -> new ReferencePeak("NAA", 2.008, 1.8, 2.2);
            case "tcr", "cr", "pcr" -> new ReferencePeak("tCr", 3.027, 2.92, 3.12);
            case "tcho", "cho", "pch", "gpc" -> new ReferencePeak("tCho", 3.20, 3.12, 3.30);
            case "water", "h2o" -> {
                double w = Nucleus.H1.ppmConvention().defaultReceiverPpm();
                yield new ReferencePeak("water", w, w - 0.25, w + 0.25);
            }
            default -> {
                double ppm;
                try {
                    ppm = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw InputException.of("--reference", "\"" + text + "\": expected NAA, tCr, tCho, water or a"
                            + " shift in ppm");
                }
                if (!Double.isFinite(ppm)) {
                    throw InputException.of("--reference", "\"" + text + "\": expected a finite shift in ppm");
                }
                yield new ReferencePeak(String.format(Locale.ROOT, "%s ppm", t), ppm, ppm - 0.1, ppm + 0.1);
            }
        };
        if (windowText != null) {
            org.larmor.validate.PpmWindow w = org.larmor.validate.PpmWindow.parse(windowText, "--reference-window");
            if (!(p.expectedPpm >= w.low() && p.expectedPpm <= w.high())) {
                throw InputException.of("--reference-window", w + " does not contain the reference's expected shift "
                        + p.expectedPpm + " ppm");
            }
            p = new ReferencePeak(p.name, p.expectedPpm, w.low(), w.high());
        }
        return p;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (expected at %.3f ppm, searched in %.2f to %.2f ppm)", name,
                expectedPpm, lowPpm, highPpm);
    }
}

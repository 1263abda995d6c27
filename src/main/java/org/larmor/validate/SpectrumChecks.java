package org.larmor.validate;

import org.larmor.input.InputException;

import java.util.List;

/**
 * The measures of a synthetic against a measured spectrum, beyond those of every comparison: SNR of each (MRSinMRS
 * definition, {@link org.larmor.signal.SpectralMetrics#snr}) and the positions of the tallest peaks.
 *
 * @param snrA     SNR of A: tallest real point in the comparison window / noise SD in the noise window
 * @param snrB     SNR of B
 * @param noiseSdA noise SD of A (real part, straight line removed)
 * @param noiseSdB noise SD of B
 * @param noiseLowPpm  noise window used, low end
 * @param noiseHighPpm noise window used, high end
 * @param peaks    A's tallest peaks and where B has them
 */
public record SpectrumChecks(double snrA, double snrB, double noiseSdA, double noiseSdB, double noiseLowPpm,
                             double noiseHighPpm, List<PeakPair> peaks) {
    public SpectrumChecks {
        peaks = List.copyOf(peaks);
    }

    /**
     * The one check that a loaded set can be placed on a ppm axis, shared by {@code compare}, {@code plot} and
     * {@code report}: a spectrometer frequency that is stated, finite and positive (LCModel HZPPPM 0 or a negative
     * frequency is refused), and a finite, positive dwell time.
     *
     * @throws InputException naming the source otherwise
     */
    public static void requirePpmAxis(LoadedSpectra s) {
        double mhz = s.spectrometerMHz();
        if (Double.isNaN(mhz)) {
            throw InputException.of(s.source(), "the files do not state the spectrometer frequency, so its"
                    + " spectrum cannot be placed on a ppm axis");
        }
        if (!(mhz > 0) || Double.isInfinite(mhz)) {
            throw InputException.of(s.source(), "spectrometer frequency " + mhz + " MHz: expected a positive"
                    + " frequency (e.g. HZPPPM 123.2 at 2.89 T), so its spectrum cannot be placed on a ppm axis");
        }
        double dwell = s.data().dwellS();
        if (!(dwell > 0) || Double.isInfinite(dwell)) {
            throw InputException.of(s.source(), "dwell time " + dwell + " s: expected a positive dwell time (1 /"
                    + " spectral width), so its spectrum cannot be placed on a frequency axis");
        }
    }

    /**
     * One peak of A and B's maximum near it (within ±{@link Comparison#PEAK_SEARCH_PPM}), positions refined by the
     * parabola vertex on a fine grid.
     */
    public record PeakPair(double ppmA, double ppmB) {
        public double differencePpm() {
            return ppmB - ppmA;
        }
    }
}

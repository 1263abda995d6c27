package org.larmor.validate;

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
     * One peak of A and B's maximum near it (within ±{@link Comparison#PEAK_SEARCH_PPM}), positions refined by the
     * parabola vertex on a fine grid.
     */
    public record PeakPair(double ppmA, double ppmB) {
        public double differencePpm() {
            return ppmB - ppmA;
        }
    }
}

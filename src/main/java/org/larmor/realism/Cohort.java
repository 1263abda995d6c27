package org.larmor.realism;

import java.util.List;
import java.util.Map;

/**
 * One cohort of spectra as measured by {@link FeatureExtractor}: the synthetic one or the measured one.
 *
 * @param label           "synthetic" or "measured"
 * @param input           the file or folder given
 * @param files           every file read, in order
 * @param spectra         the spectra measured (one per file)
 * @param refused         spectra whose reference peak is not there (left out with --exclude-missing-peak)
 * @param spectrometerMHz the lowest and highest f0 of the files, MHz
 * @param points          the lowest and highest number of points
 * @param dwellS          the lowest and highest dwell time, s
 * @param notes           what was assumed or done (transients averaged, receiver reference assumed, …)
 * @param provenance      what the folder says about itself (a Larmor synthetic dataset's run.json), or empty
 */
public record Cohort(String label, String input, List<String> files, List<SpectrumFeatures> spectra,
                     List<SpectrumFeatures> refused, double[] spectrometerMHz, int[] points, double[] dwellS,
                     List<String> notes, Map<String, Object> provenance) {
    public Cohort {
        files = List.copyOf(files);
        spectra = List.copyOf(spectra);
        refused = List.copyOf(refused);
        notes = List.copyOf(notes);
        provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
    }

    /** The finite values of a feature, in file order. */
    public double[] values(Feature f) {
        return spectra.stream().mapToDouble(s -> s.value(f)).filter(Double::isFinite).toArray();
    }

    /** How many spectra could not be measured on {@code f} (NaN: a line that does not fall to half height). */
    public int unmeasured(Feature f) {
        return (int) spectra.stream().filter(s -> !Double.isFinite(s.value(f))).count();
    }
}

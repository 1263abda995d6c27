package org.larmor.io;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
import org.larmor.sequence.Sequence;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * NIfTI-MRS: one file per metabolite holding every acquired spectrum, the conditions on DIM_EDIT and the indirect
 * dimension (if any) after them, and one file per metabolite and combination (over the indirect dimension only):
 * <pre>
 * nifti/&lt;Metab&gt;.nii.gz                  dim 5 DIM_EDIT (several conditions), then the indirect dimension
 * nifti/&lt;combination&gt;/&lt;Metab&gt;.nii.gz    the indirect dimension (if any) on dim 5
 * </pre>
 * NIfTI-MRS has dimension tags for both (specification §2.3, DIM_EDIT, DIM_INDIRECT_0, DIM_USER_0), so fitting
 * tools that read edited or 2-D data get them in one file, as spec2nii writes scanner data. A combination file is
 * not written for a metabolite whose signal cancels at every increment of it.
 */
final class NiftiFormat implements BasisFormat {
    @Override
    public String id() {
        return "nifti";
    }

    @Override
    public String description() {
        return "NIfTI-MRS .nii.gz per metabolite, conditions on DIM_EDIT, increments on the indirect dimension";
    }

    @Override
    public void write(BasisSet set, Staged out) throws IOException {
        Sequence seq = set.sequence();
        List<String> conditions = seq.conditions();
        for (BasisSpectrum s : set.spectra()) {
            if (includedSomewhere(set, s, conditions)) {
                out.write("nifti/" + s.name() + ".nii.gz",
                        NiftiMrsWriter.gzip(NiftiMrsWriter.write(set, s, conditions)));
            }
        }
        for (Sequence.Combination c : seq.combinations()) {
            List<String> one = List.of(c.name());
            for (BasisSpectrum s : set.spectra()) {
                if (includedSomewhere(set, s, one)) {
                    out.write("nifti/" + c.name().toLowerCase(Locale.ROOT) + "/" + s.name() + ".nii.gz",
                            NiftiMrsWriter.gzip(NiftiMrsWriter.write(set, s, one)));
                }
            }
        }
    }

    /** True if {@code s} is included in the spectrum of one of {@code sources} at some increment. */
    private static boolean includedSomewhere(BasisSet set, BasisSpectrum s, List<String> sources) {
        Sequence seq = set.sequence();
        for (String src : sources) {
            for (int i = 0; i < seq.increments(); i++) {
                if (set.included(seq.spectrumName(src, i)).contains(s)) {
                    return true;
                }
            }
        }
        return false;
    }
}

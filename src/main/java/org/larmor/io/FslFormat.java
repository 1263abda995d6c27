package org.larmor.io;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;

import java.io.IOException;

/**
 * FSL-MRS: a basis set is a folder of per-metabolite JSON files (fsl_mrs/utils/mrs_io/fsl_io.py), so one folder per
 * spectrum: {@code fsl[/<spectrum>]/<Metab>.json}.
 */
final class FslFormat implements BasisFormat {
    @Override
    public String id() {
        return "fsl";
    }

    @Override
    public String description() {
        return "FSL-MRS basis JSON, one folder per spectrum";
    }

    @Override
    public void write(BasisSet set, Staged out) throws IOException {
        for (String c : set.conditions()) {
            for (BasisSpectrum s : set.included(c)) {
                out.write("fsl/" + BasisFormat.folder(BasisFormat.part(set, c)) + s.name() + ".json",
                        FslBasisWriter.write(set, s, c));
            }
        }
    }
}

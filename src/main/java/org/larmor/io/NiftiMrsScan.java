package org.larmor.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.larmor.signal.Fid;

import java.util.List;

/**
 * One single-voxel NIfTI-MRS file as acquired data rather than as a basis set: every FID of its higher dimensions
 * (dims 5–7, e.g. DIM_COIL × DIM_DYN) in file order, dim 5 varying fastest, with the dimension tags, so that a caller
 * can average transients or refuse uncombined coils. The FIDs are in the file's (the standard's) sign convention.
 *
 * @param source               file name for messages
 * @param spectrometerMHz      SpectrometerFrequency[0], MHz
 * @param dwellS               pixdim[4], s
 * @param echoTimeS            EchoTime, s, or NaN
 * @param nucleus              ResonantNucleus[0], or null when the file does not state it
 * @param receiverReferencePpm Larmor's LarmorReceiverReference (ppm at 0 Hz), or NaN (NIfTI-MRS states none)
 * @param dim                  the NIfTI dim array (dim[0] = number of dimensions)
 * @param tags                 tag of each higher dimension (dim_5, dim_6, dim_7), e.g. "DIM_DYN"
 * @param sizes                size of each higher dimension
 * @param fids                 the product of {@code sizes} FIDs
 * @param meta                 the header extension's JSON
 */
public record NiftiMrsScan(String source, double spectrometerMHz, double dwellS, double echoTimeS, String nucleus,
                           double receiverReferencePpm, long[] dim, List<String> tags, int[] sizes, List<Fid> fids,
                           JsonNode meta) {
    public NiftiMrsScan {
        tags = List.copyOf(tags);
        fids = List.copyOf(fids);
    }
}

package org.larmor.mrsi;

import org.larmor.signal.Fid;

import java.util.List;

/**
 * How a voxel's signal depends on the transmit field: the basis FIDs at a B1 scale s (the actual flip angles are s
 * times the nominal ones). The MRSI synthesiser evaluates it once per distinct scale of the map (rounded to the
 * scenario's {@code b1.resolution}). The shipped implementations are {@link IdealPulseB1Response} and
 * {@link InterpolatedB1Response} (the basis simulated at a few B1 scales and interpolated).
 */
public interface B1Response {
    /** One FID per metabolite, in the basis's order, at scale s (s = 1: the nominal basis). */
    List<Fid> fids(double scale);

    /** The gain of an uncoupled singlet at scale s relative to s = 1: applied to the lipid components. */
    double singletGain(double scale);

    /** For truth.json: how the response is made and, where it approximates, its stated error (empty: nothing). */
    default java.util.Map<String, Object> describe() {
        return java.util.Map.of();
    }
}

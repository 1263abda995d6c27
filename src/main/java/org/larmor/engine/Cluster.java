package org.larmor.engine;

/**
 * One set of coupled spins of the observed nucleus, written out spin by spin, as the propagator sees it.
 *
 * @param shiftPpm         nominal chemical shift of each spin (for frequency-selective pulses)
 * @param offsetRadPerS    rotating-frame offset Ω_i of each spin in rad/s, heteronuclear couplings included
 * @param jHz              homonuclear couplings in Hz (symmetric, zero diagonal)
 * @param weight           factor on the cluster's signal (sub-system scale × equivalent-group count × spectator
 *                         state weight)
 * @param t1S              longitudinal relaxation time during delays, s (NaN: none)
 * @param t2S              transverse relaxation time during delays, s (NaN: none)
 * @param acquireRadPerS   offsets while the FID is acquired, when they differ from {@code offsetRadPerS} (the
 *                         couplings to a decoupled nucleus removed), else null
 */
record Cluster(double[] shiftPpm, double[] offsetRadPerS, double[][] jHz, double weight, double t1S, double t2S,
               double[] acquireRadPerS) {
    Cluster(double[] shiftPpm, double[] offsetRadPerS, double[][] jHz, double weight) {
        this(shiftPpm, offsetRadPerS, jHz, weight, Double.NaN, Double.NaN, null);
    }

    Cluster(double[] shiftPpm, double[] offsetRadPerS, double[][] jHz, double weight, double t1S, double t2S) {
        this(shiftPpm, offsetRadPerS, jHz, weight, t1S, t2S, null);
    }

    int spins() {
        return shiftPpm.length;
    }

    /** This cluster as it evolves during acquisition (itself without decoupling). */
    Cluster duringAcquisition() {
        return acquireRadPerS == null ? this : new Cluster(shiftPpm, acquireRadPerS, jHz, weight, t1S, t2S, null);
    }

    /** The same cluster with relaxation times. */
    Cluster withRelaxation(double t1, double t2) {
        return new Cluster(shiftPpm, offsetRadPerS, jHz, weight, t1, t2, acquireRadPerS);
    }
}

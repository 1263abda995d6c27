package org.larmor.rf;

/**
 * Which response of a pulse a profile shows, each a number 0 … 1 from the pulse's {@link CayleyKlein} rotation.
 */
public enum ProfileKind {
    /** |Mxy| = |2α*β| after the pulse, from equilibrium: the excitation profile. */
    EXCITATION("|Mxy|"),
    /** (1 − Mz)/2 = |β|² after the pulse, from equilibrium: the fraction inverted. */
    INVERSION("(1-Mz)/2"),
    /** |β|² = |−β²|: the spin-echo amplitude between crushers, the refocusing efficiency. */
    REFOCUSING("|beta|^2");

    private final String label;

    ProfileKind(String label) {
        this.label = label;
    }

    /** Short ASCII label of the plotted quantity. */
    public String label() {
        return label;
    }

    public double of(CayleyKlein r) {
        return switch (this) {
            case EXCITATION -> r.excitation().abs();
            case INVERSION, REFOCUSING -> r.betaNormSquared();
        };
    }
}

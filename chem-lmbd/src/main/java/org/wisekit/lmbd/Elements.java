package org.wisekit.lmbd;

import java.util.HashMap;
import java.util.Map;

/** Chemical element symbols by atomic number (1 to 118). */
public final class Elements {

    private static final String[] SYMBOLS = ("H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co"
            + " Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm"
            + " Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk"
            + " Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og").split(" ");
    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    static {
        for (int i = 0; i < SYMBOLS.length; i++) {
            NUMBERS.put(SYMBOLS[i], i + 1);
        }
    }

    /** The largest atomic number known here. */
    public static final int MAX_ATOMIC_NUMBER = SYMBOLS.length;

    private Elements() {
    }

    /** The symbol of atomic number {@code z}, e.g. {@code "C"} for 6. */
    public static String symbol(int z) {
        if (z < 1 || z > SYMBOLS.length) {
            throw new IllegalArgumentException("atomic number must be in [1, " + SYMBOLS.length + "], got " + z);
        }
        return SYMBOLS[z - 1];
    }

    /** The atomic number of {@code symbol} (case as in the periodic table, e.g. {@code "Cl"}). */
    public static int atomicNumber(String symbol) {
        Integer z = symbol == null ? null : NUMBERS.get(symbol.strip());
        if (z == null) {
            throw new IllegalArgumentException("unknown element symbol '" + symbol + "'");
        }
        return z;
    }

    /** Whether {@code symbol} is an element symbol. */
    public static boolean isSymbol(String symbol) {
        return symbol != null && NUMBERS.containsKey(symbol.strip());
    }
}

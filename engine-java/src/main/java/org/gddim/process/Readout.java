package org.gddim.process;

/** How the data are read off a process' final state (package doc for the layouts). */
public enum Readout {
    /** The state is the data (VP, VE, EDM, FDM). */
    STATE,
    /** The data are the first plane of the (B, 2, D) state: CLD's x (the velocity v is dropped). */
    FIRST_PLANE,
    /** The state holds DCT-II coefficients (B, C, H, W); the data are their inverse 2-D DCT per channel (BDM). */
    INVERSE_DCT
}

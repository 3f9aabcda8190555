package io.jcondis.api.wan;

/**
 * Where a legacy NDIS WAN miniport registers: the WAN counterpart of {@link io.jcondis.api.Ndis}. The WAN stack
 * (NDIS for WAN miniports, NDISWAN and NDISTAPI) implements it. May be called from any thread.
 */
public interface WanNdis {
    /**
     * Registers a WAN miniport driver (NdisMRegisterMiniport with NDIS_USE_WAN_WRAPPER).
     *
     * @param name     the driver's name (non-blank; used in traces and violation reports)
     * @param handlers what the driver implements
     * @return what the driver calls; it starts its adapters with {@link WanMiniportServices#startAdapter}
     * @throws IllegalArgumentException if the name is blank
     * @throws NullPointerException     if {@code handlers} is null
     */
    WanMiniportServices registerWanMiniport(String name, WanMiniportHandlers handlers);
}

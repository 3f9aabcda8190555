package io.jcondis.wan.struct;

import io.jcondis.api.wan.TapiOids;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The NDIS_TAPI_* structures of ndistapi.h (NDIS_TAPI_CURRENT_VERSION 0x00010003, so no TAPI 1.4+ fields), in
 * the x64 layout of {@link StructLayout}: ULONG = 4 bytes, HTAPI_* / HDRV_* / ULONG_PTR = 8 bytes, natural
 * alignment, little-endian. Every request structure begins with {@code ULONG ulRequestID} (reserved, 0).
 *
 * <p>Field rulers of the structures the rules lean on most (offset, kind, name):
 * <pre>
 * NDIS_TAPI_PROVIDER_INITIALIZE (24)   NDIS_TAPI_OPEN (24)         NDIS_TAPI_CLOSE_CALL (16)
 *    0 U32 ulRequestID                    0 U32 ulRequestID           0 U32 ulRequestID
 *    4 U32 ulDeviceIDBase      in         4 U32 ulDeviceID    in      8 PTR hdCall            in
 *    8 U32 ulNumLineDevs       out        8 PTR htLine        in
 *   16 PTR ulProviderID        out       16 PTR hdLine        out
 *
 * NDIS_TAPI_DROP / ANSWER / ACCEPT (24) NDIS_TAPI_MAKE_CALL (160)
 *    0 U32 ulRequestID                    0 U32 ulRequestID          40 U8  bUseDefaultLineCallParams
 *    8 PTR hdCall                         8 PTR hdLine       in      44 LINE_CALL_PARAMS LineCallParams (112)
 *   16 U32 ulUserUserInfoSize            16 PTR htCall       in     160 destination address (our placement)
 *   20 U8[] UserUserInfo (tail)          24 PTR hdCall       out
 *                                        32 U32 ulDestAddressSize
 *                                        36 U32 ulDestAddressOffset (from the structure's start)
 *
 * NDIS_TAPI_GET_ID (72)                 NDIS_TAPI_EVENT (48)
 *    8 PTR hdLine   16 U32 ulAddressID      0 PTR htLine    8 PTR htCall   16 U32 ulMsg
 *   24 PTR hdCall   32 U32 ulSelect        24 PTR ulParam1 32 PTR ulParam2 40 PTR ulParam3
 *   36 U32 ulDeviceClassSize  40 U32 ulDeviceClassOffset   44 VAR_STRING DeviceID (24, out)
 * </pre>
 * Variable-size output structures (LINE_DEV_CAPS, LINE_ADDRESS_CAPS, LINE_ADDRESS_STATUS, LINE_CALL_INFO,
 * LINE_CALL_STATUS, LINE_DEV_STATUS, VAR_STRING) start with ulTotalSize, ulNeededSize, ulUsedSize; their
 * Size/Offset pairs are relative to their own start and their variable data lies within ulTotalSize after
 * their fixed part (see {@link VarStructWriter} for the STRUCTURETOOSMALL rule, contract GAP-3).
 */
public final class NdisTapiStructs {
    /** LINE_DIAL_PARAMS (16). */
    public static final StructLayout LINE_DIAL_PARAMS = StructLayout.builder("LINE_DIAL_PARAMS")
            .u32s("ulDialPause", "ulDialSpeed", "ulDigitDuration", "ulWaitForDialtone").build();
    /** LINE_CALL_PARAMS (112), TAPI 1.3 fields. */
    public static final StructLayout LINE_CALL_PARAMS = StructLayout.builder("LINE_CALL_PARAMS")
            .u32s("ulTotalSize", "ulBearerMode", "ulMinRate", "ulMaxRate", "ulMediaMode", "ulCallParamFlags",
                    "ulAddressMode", "ulAddressID")
            .struct("DialParams", LINE_DIAL_PARAMS)
            .u32s("ulOrigAddressSize", "ulOrigAddressOffset", "ulDisplayableAddressSize",
                    "ulDisplayableAddressOffset", "ulCalledPartySize", "ulCalledPartyOffset", "ulCommentSize",
                    "ulCommentOffset", "ulUserUserInfoSize", "ulUserUserInfoOffset", "ulHighLevelCompSize",
                    "ulHighLevelCompOffset", "ulLowLevelCompSize", "ulLowLevelCompOffset", "ulDevSpecificSize",
                    "ulDevSpecificOffset")
            .build();
    /** LINE_ADDRESS_CAPS (176), TAPI 1.3 fields. */
    public static final StructLayout LINE_ADDRESS_CAPS = StructLayout.builder("LINE_ADDRESS_CAPS")
            .u32s("ulTotalSize", "ulNeededSize", "ulUsedSize", "ulLineDeviceID", "ulAddressSize", "ulAddressOffset",
                    "ulDevSpecificSize", "ulDevSpecificOffset", "ulAddressSharing", "ulAddressStates",
                    "ulCallInfoStates", "ulCallerIDFlags", "ulCalledIDFlags", "ulConnectedIDFlags",
                    "ulRedirectionIDFlags", "ulRedirectingIDFlags", "ulCallStates", "ulDialToneModes", "ulBusyModes",
                    "ulSpecialInfo", "ulDisconnectModes", "ulMaxNumActiveCalls", "ulMaxNumOnHoldCalls",
                    "ulMaxNumOnHoldPendingCalls", "ulMaxNumConference", "ulMaxNumTransConf", "ulAddrCapFlags",
                    "ulCallFeatures", "ulRemoveFromConfCaps", "ulRemoveFromConfState", "ulTransferModes",
                    "ulParkModes", "ulForwardModes", "ulMaxForwardEntries", "ulMaxSpecificEntries",
                    "ulMinFwdNumRings", "ulMaxFwdNumRings", "ulMaxCallCompletions", "ulCallCompletionConds",
                    "ulCallCompletionModes", "ulNumCompletionMessages", "ulCompletionMsgTextEntrySize",
                    "ulCompletionMsgTextSize", "ulCompletionMsgTextOffset")
            .build();
    /** LINE_ADDRESS_STATUS (64). */
    public static final StructLayout LINE_ADDRESS_STATUS = StructLayout.builder("LINE_ADDRESS_STATUS")
            .u32s("ulTotalSize", "ulNeededSize", "ulUsedSize", "ulNumInUse", "ulNumActiveCalls", "ulNumOnHoldCalls",
                    "ulNumOnHoldPendCalls", "ulAddressFeatures", "ulNumRingsNoAnswer", "ulForwardNumEntries",
                    "ulForwardSize", "ulForwardOffset", "ulTerminalModesSize", "ulTerminalModesOffset",
                    "ulDevSpecificSize", "ulDevSpecificOffset")
            .build();
    /** LINE_CALL_INFO (296), TAPI 1.3 fields. */
    public static final StructLayout LINE_CALL_INFO = StructLayout.builder("LINE_CALL_INFO")
            .u32s("ulTotalSize", "ulNeededSize", "ulUsedSize", "hLine", "ulLineDeviceID", "ulAddressID",
                    "ulBearerMode", "ulRate", "ulMediaMode", "ulAppSpecific", "ulCallID", "ulRelatedCallID",
                    "ulCallParamFlags", "ulCallStates", "ulMonitorDigitModes", "ulMonitorMediaModes")
            .struct("DialParams", LINE_DIAL_PARAMS)
            .u32s("ulOrigin", "ulReason", "ulCompletionID", "ulNumOwners", "ulNumMonitors", "ulCountryCode",
                    "ulTrunk", "ulCallerIDFlags", "ulCallerIDSize", "ulCallerIDOffset", "ulCallerIDNameSize",
                    "ulCallerIDNameOffset", "ulCalledIDFlags", "ulCalledIDSize", "ulCalledIDOffset",
                    "ulCalledIDNameSize", "ulCalledIDNameOffset", "ulConnectedIDFlags", "ulConnectedIDSize",
                    "ulConnectedIDOffset", "ulConnectedIDNameSize", "ulConnectedIDNameOffset",
                    "ulRedirectionIDFlags", "ulRedirectionIDSize", "ulRedirectionIDOffset",
                    "ulRedirectionIDNameSize", "ulRedirectionIDNameOffset", "ulRedirectingIDFlags",
                    "ulRedirectingIDSize", "ulRedirectingIDOffset", "ulRedirectingIDNameSize",
                    "ulRedirectingIDNameOffset", "ulAppNameSize", "ulAppNameOffset", "ulDisplayableAddressSize",
                    "ulDisplayableAddressOffset", "ulCalledPartySize", "ulCalledPartyOffset", "ulCommentSize",
                    "ulCommentOffset", "ulDisplaySize", "ulDisplayOffset", "ulUserUserInfoSize",
                    "ulUserUserInfoOffset", "ulHighLevelCompSize", "ulHighLevelCompOffset", "ulLowLevelCompSize",
                    "ulLowLevelCompOffset", "ulChargingInfoSize", "ulChargingInfoOffset", "ulTerminalModesSize",
                    "ulTerminalModesOffset", "ulDevSpecificSize", "ulDevSpecificOffset")
            .build();
    /** LINE_CALL_STATUS (36). */
    public static final StructLayout LINE_CALL_STATUS = StructLayout.builder("LINE_CALL_STATUS")
            .u32s("ulTotalSize", "ulNeededSize", "ulUsedSize", "ulCallState", "ulCallStateMode", "ulCallPrivilege",
                    "ulCallFeatures", "ulDevSpecificSize", "ulDevSpecificOffset")
            .build();
    /** LINE_DEV_CAPS (236), TAPI 1.3 fields. */
    public static final StructLayout LINE_DEV_CAPS = StructLayout.builder("LINE_DEV_CAPS")
            .u32s("ulTotalSize", "ulNeededSize", "ulUsedSize", "ulProviderInfoSize", "ulProviderInfoOffset",
                    "ulSwitchInfoSize", "ulSwitchInfoOffset", "ulPermanentLineID", "ulLineNameSize",
                    "ulLineNameOffset", "ulStringFormat", "ulAddressModes", "ulNumAddresses", "ulBearerModes",
                    "ulMaxRate", "ulMediaModes", "ulGenerateToneModes", "ulGenerateToneMaxNumFreq",
                    "ulGenerateDigitModes", "ulMonitorToneMaxNumFreq", "ulMonitorToneMaxNumEntries",
                    "ulMonitorDigitModes", "ulGatherDigitsMinTimeout", "ulGatherDigitsMaxTimeout",
                    "ulMedCtlDigitMaxListSize", "ulMedCtlMediaMaxListSize", "ulMedCtlToneMaxListSize",
                    "ulMedCtlCallStateMaxListSize", "ulDevCapFlags", "ulMaxNumActiveCalls", "ulAnswerMode",
                    "ulRingModes", "ulLineStates", "ulUUIAcceptSize", "ulUUIAnswerSize", "ulUUIMakeCallSize",
                    "ulUUIDropSize", "ulUUISendUserUserInfoSize", "ulUUICallInfoSize")
            .struct("MinDialParams", LINE_DIAL_PARAMS)
            .struct("MaxDialParams", LINE_DIAL_PARAMS)
            .struct("DefaultDialParams", LINE_DIAL_PARAMS)
            .u32s("ulNumTerminals", "ulTerminalCapsSize", "ulTerminalCapsOffset", "ulTerminalTextEntrySize",
                    "ulTerminalTextSize", "ulTerminalTextOffset", "ulDevSpecificSize", "ulDevSpecificOffset")
            .build();
    /** LINE_DEV_STATUS (76). */
    public static final StructLayout LINE_DEV_STATUS = StructLayout.builder("LINE_DEV_STATUS")
            .u32s("ulTotalSize", "ulNeededSize", "ulUsedSize", "ulNumOpens", "ulOpenMediaModes",
                    "ulNumActiveCalls", "ulNumOnHoldCalls", "ulNumOnHoldPendCalls", "ulLineFeatures",
                    "ulNumCallCompletions", "ulRingMode", "ulSignalLevel", "ulBatteryLevel", "ulRoamMode",
                    "ulDevStatusFlags", "ulTerminalModesSize", "ulTerminalModesOffset", "ulDevSpecificSize",
                    "ulDevSpecificOffset")
            .build();
    /** LINE_EXTENSION_ID (16). */
    public static final StructLayout LINE_EXTENSION_ID = StructLayout.builder("LINE_EXTENSION_ID")
            .u32s("ulExtensionID0", "ulExtensionID1", "ulExtensionID2", "ulExtensionID3").build();
    /** VAR_STRING (24). */
    public static final StructLayout VAR_STRING = StructLayout.builder("VAR_STRING")
            .u32s("ulTotalSize", "ulNeededSize", "ulUsedSize", "ulStringFormat", "ulStringSize", "ulStringOffset")
            .build();

    /** NDIS_TAPI_ACCEPT (24). */
    public static final StructLayout ACCEPT = uui("NDIS_TAPI_ACCEPT");
    /** NDIS_TAPI_ANSWER (24). */
    public static final StructLayout ANSWER = uui("NDIS_TAPI_ANSWER");
    /** NDIS_TAPI_CLOSE (16). */
    public static final StructLayout CLOSE = StructLayout.builder("NDIS_TAPI_CLOSE").u32("ulRequestID")
            .ptr("hdLine").build();
    /** NDIS_TAPI_CLOSE_CALL (16). */
    public static final StructLayout CLOSE_CALL = StructLayout.builder("NDIS_TAPI_CLOSE_CALL").u32("ulRequestID")
            .ptr("hdCall").build();
    /** NDIS_TAPI_CONDITIONAL_MEDIA_DETECTION (136). */
    public static final StructLayout CONDITIONAL_MEDIA_DETECTION =
            StructLayout.builder("NDIS_TAPI_CONDITIONAL_MEDIA_DETECTION").u32("ulRequestID").ptr("hdLine")
                    .u32("ulMediaModes").struct("LineCallParams", LINE_CALL_PARAMS).build();
    /** NDIS_TAPI_CONFIG_DIALOG (32). */
    public static final StructLayout CONFIG_DIALOG = StructLayout.builder("NDIS_TAPI_CONFIG_DIALOG")
            .u32s("ulRequestID", "ulDeviceID", "ulDeviceClassSize", "ulDeviceClassOffset", "ulLibraryNameTotalSize",
                    "ulLibraryNameNeededSize")
            .tail("szLibraryName").build();
    /** NDIS_TAPI_DEV_SPECIFIC (40). */
    public static final StructLayout DEV_SPECIFIC = StructLayout.builder("NDIS_TAPI_DEV_SPECIFIC")
            .u32("ulRequestID").ptr("hdLine").u32("ulAddressID").ptr("hdCall").u32("ulParamsSize").tail("Params")
            .build();
    /** NDIS_TAPI_DIAL (24). */
    public static final StructLayout DIAL = StructLayout.builder("NDIS_TAPI_DIAL").u32("ulRequestID")
            .ptr("hdCall").u32("ulDestAddressSize").tail("szDestAddress").build();
    /** NDIS_TAPI_DROP (24). */
    public static final StructLayout DROP = uui("NDIS_TAPI_DROP");
    /** NDIS_TAPI_GET_ADDRESS_CAPS (192). */
    public static final StructLayout GET_ADDRESS_CAPS = StructLayout.builder("NDIS_TAPI_GET_ADDRESS_CAPS")
            .u32s("ulRequestID", "ulDeviceID", "ulAddressID", "ulExtVersion")
            .struct("LineAddressCaps", LINE_ADDRESS_CAPS).build();
    /** NDIS_TAPI_GET_ADDRESS_ID (32). */
    public static final StructLayout GET_ADDRESS_ID = StructLayout.builder("NDIS_TAPI_GET_ADDRESS_ID")
            .u32("ulRequestID").ptr("hdLine").u32s("ulAddressID", "ulAddressMode", "ulAddressSize")
            .tail("szAddress").build();
    /** NDIS_TAPI_GET_ADDRESS_STATUS (88). */
    public static final StructLayout GET_ADDRESS_STATUS = StructLayout.builder("NDIS_TAPI_GET_ADDRESS_STATUS")
            .u32("ulRequestID").ptr("hdLine").u32("ulAddressID")
            .struct("LineAddressStatus", LINE_ADDRESS_STATUS).build();
    /** NDIS_TAPI_GET_CALL_ADDRESS_ID (24). */
    public static final StructLayout GET_CALL_ADDRESS_ID = StructLayout.builder("NDIS_TAPI_GET_CALL_ADDRESS_ID")
            .u32("ulRequestID").ptr("hdCall").u32("ulAddressID").build();
    /** NDIS_TAPI_GET_CALL_INFO (312). */
    public static final StructLayout GET_CALL_INFO = StructLayout.builder("NDIS_TAPI_GET_CALL_INFO")
            .u32("ulRequestID").ptr("hdCall").struct("LineCallInfo", LINE_CALL_INFO).build();
    /** NDIS_TAPI_GET_CALL_STATUS (56). */
    public static final StructLayout GET_CALL_STATUS = StructLayout.builder("NDIS_TAPI_GET_CALL_STATUS")
            .u32("ulRequestID").ptr("hdCall").struct("LineCallStatus", LINE_CALL_STATUS).build();
    /** NDIS_TAPI_GET_DEV_CAPS (248). */
    public static final StructLayout GET_DEV_CAPS = StructLayout.builder("NDIS_TAPI_GET_DEV_CAPS")
            .u32s("ulRequestID", "ulDeviceID", "ulExtVersion").struct("LineDevCaps", LINE_DEV_CAPS).build();
    /** NDIS_TAPI_GET_DEV_CONFIG (40). */
    public static final StructLayout GET_DEV_CONFIG = StructLayout.builder("NDIS_TAPI_GET_DEV_CONFIG")
            .u32s("ulRequestID", "ulDeviceID", "ulDeviceClassSize", "ulDeviceClassOffset")
            .struct("DeviceConfig", VAR_STRING).build();
    /** NDIS_TAPI_GET_EXTENSION_ID (24). */
    public static final StructLayout GET_EXTENSION_ID = StructLayout.builder("NDIS_TAPI_GET_EXTENSION_ID")
            .u32s("ulRequestID", "ulDeviceID").struct("LineExtensionID", LINE_EXTENSION_ID).build();
    /** NDIS_TAPI_GET_ID (72). */
    public static final StructLayout GET_ID = StructLayout.builder("NDIS_TAPI_GET_ID").u32("ulRequestID")
            .ptr("hdLine").u32("ulAddressID").ptr("hdCall").u32s("ulSelect", "ulDeviceClassSize",
                    "ulDeviceClassOffset")
            .struct("DeviceID", VAR_STRING).build();
    /** NDIS_TAPI_GET_LINE_DEV_STATUS (96). */
    public static final StructLayout GET_LINE_DEV_STATUS = StructLayout.builder("NDIS_TAPI_GET_LINE_DEV_STATUS")
            .u32("ulRequestID").ptr("hdLine").struct("LineDevStatus", LINE_DEV_STATUS).build();
    /** NDIS_TAPI_MAKE_CALL (160). */
    public static final StructLayout MAKE_CALL = StructLayout.builder("NDIS_TAPI_MAKE_CALL").u32("ulRequestID")
            .ptr("hdLine").ptr("htCall").ptr("hdCall").u32s("ulDestAddressSize", "ulDestAddressOffset")
            .bool("bUseDefaultLineCallParams").struct("LineCallParams", LINE_CALL_PARAMS).build();
    /** NDIS_TAPI_NEGOTIATE_EXT_VERSION (20). */
    public static final StructLayout NEGOTIATE_EXT_VERSION = StructLayout.builder("NDIS_TAPI_NEGOTIATE_EXT_VERSION")
            .u32s("ulRequestID", "ulDeviceID", "ulLowVersion", "ulHighVersion", "ulExtVersion").build();
    /** NDIS_TAPI_OPEN (24). */
    public static final StructLayout OPEN = StructLayout.builder("NDIS_TAPI_OPEN").u32s("ulRequestID", "ulDeviceID")
            .ptr("htLine").ptr("hdLine").build();
    /** NDIS_TAPI_PROVIDER_INITIALIZE (24). */
    public static final StructLayout PROVIDER_INITIALIZE = StructLayout.builder("NDIS_TAPI_PROVIDER_INITIALIZE")
            .u32s("ulRequestID", "ulDeviceIDBase", "ulNumLineDevs").ptr("ulProviderID").build();
    /** NDIS_TAPI_PROVIDER_SHUTDOWN (4). */
    public static final StructLayout PROVIDER_SHUTDOWN = StructLayout.builder("NDIS_TAPI_PROVIDER_SHUTDOWN")
            .u32("ulRequestID").build();
    /** NDIS_TAPI_SECURE_CALL (16). */
    public static final StructLayout SECURE_CALL = StructLayout.builder("NDIS_TAPI_SECURE_CALL").u32("ulRequestID")
            .ptr("hdCall").build();
    /** NDIS_TAPI_SELECT_EXT_VERSION (24). */
    public static final StructLayout SELECT_EXT_VERSION = StructLayout.builder("NDIS_TAPI_SELECT_EXT_VERSION")
            .u32("ulRequestID").ptr("hdLine").u32("ulExtVersion").build();
    /** NDIS_TAPI_SEND_USER_USER_INFO (24). */
    public static final StructLayout SEND_USER_USER_INFO = uui("NDIS_TAPI_SEND_USER_USER_INFO");
    /** NDIS_TAPI_SET_APP_SPECIFIC (24). */
    public static final StructLayout SET_APP_SPECIFIC = StructLayout.builder("NDIS_TAPI_SET_APP_SPECIFIC")
            .u32("ulRequestID").ptr("hdCall").u32("ulAppSpecific").build();
    /** NDIS_TAPI_SET_CALL_PARAMS (48). */
    public static final StructLayout SET_CALL_PARAMS = StructLayout.builder("NDIS_TAPI_SET_CALL_PARAMS")
            .u32("ulRequestID").ptr("hdCall").u32s("ulBearerMode", "ulMinRate", "ulMaxRate")
            .bool("bSetLineDialParams").struct("LineDialParams", LINE_DIAL_PARAMS).build();
    /** NDIS_TAPI_SET_DEFAULT_MEDIA_DETECTION (24). */
    public static final StructLayout SET_DEFAULT_MEDIA_DETECTION =
            StructLayout.builder("NDIS_TAPI_SET_DEFAULT_MEDIA_DETECTION").u32("ulRequestID").ptr("hdLine")
                    .u32("ulMediaModes").build();
    /** NDIS_TAPI_SET_DEV_CONFIG (24). */
    public static final StructLayout SET_DEV_CONFIG = StructLayout.builder("NDIS_TAPI_SET_DEV_CONFIG")
            .u32s("ulRequestID", "ulDeviceID", "ulDeviceClassSize", "ulDeviceClassOffset", "ulDeviceConfigSize")
            .tail("DeviceConfig").build();
    /** NDIS_TAPI_SET_MEDIA_MODE (24). */
    public static final StructLayout SET_MEDIA_MODE = StructLayout.builder("NDIS_TAPI_SET_MEDIA_MODE")
            .u32("ulRequestID").ptr("hdCall").u32("ulMediaMode").build();
    /** NDIS_TAPI_SET_STATUS_MESSAGES (24). */
    public static final StructLayout SET_STATUS_MESSAGES = StructLayout.builder("NDIS_TAPI_SET_STATUS_MESSAGES")
            .u32("ulRequestID").ptr("hdLine").u32s("ulLineStates", "ulAddressStates").build();
    /** NDIS_TAPI_EVENT (48). */
    public static final StructLayout EVENT = StructLayout.builder("NDIS_TAPI_EVENT").ptr("htLine").ptr("htCall")
            .u32("ulMsg").ptr("ulParam1").ptr("ulParam2").ptr("ulParam3").build();
    /**
     * NDIS_WAN_INFO (40), OID_WAN_GET_INFO: MaxFrameSize, MaxTransmit, HeaderPadding, TailPadding, Endpoints,
     * MemoryFlags, NDIS_PHYSICAL_ADDRESS HighestAcceptableAddress (8 bytes at 24), FramingBits, DesiredACCM.
     */
    public static final StructLayout WAN_INFO = StructLayout.builder("NDIS_WAN_INFO")
            .u32s("MaxFrameSize", "MaxTransmit", "HeaderPadding", "TailPadding", "Endpoints", "MemoryFlags")
            .ptr("HighestAcceptableAddress").u32s("FramingBits", "DesiredACCM").build();

    /**
     * How one OID_TAPI_* request is laid out.
     *
     * @param oid       the OID
     * @param layout    its NDIS_TAPI_* structure
     * @param varStruct the name of the embedded variable-size output structure (e.g. {@code LineDevCaps}), or
     *                  null when there is none
     * @param varLayout that structure's layout, or null
     */
    public record OidLayout(int oid, StructLayout layout, String varStruct, StructLayout varLayout) {
        /** @return the smallest information buffer NDIS accepts for this OID (see {@link StructCheck}) */
        public int minimumLength() {
            if (varStruct != null) {
                return layout.offset(varStruct) + VarStructWriter.HEADER_BYTES;
            }
            return layout.endOfFixed();
        }
    }

    private static final Map<Integer, OidLayout> BY_OID = new HashMap<>();
    private static final Map<String, StructLayout> VAR_LAYOUTS = Map.of("LineAddressCaps", LINE_ADDRESS_CAPS,
            "LineAddressStatus", LINE_ADDRESS_STATUS, "LineCallInfo", LINE_CALL_INFO, "LineCallStatus",
            LINE_CALL_STATUS, "LineDevCaps", LINE_DEV_CAPS, "DeviceConfig", VAR_STRING, "DeviceID", VAR_STRING,
            "LineDevStatus", LINE_DEV_STATUS);

    static {
        put(TapiOids.OID_TAPI_ACCEPT, ACCEPT, null);
        put(TapiOids.OID_TAPI_ANSWER, ANSWER, null);
        put(TapiOids.OID_TAPI_CLOSE, CLOSE, null);
        put(TapiOids.OID_TAPI_CLOSE_CALL, CLOSE_CALL, null);
        put(TapiOids.OID_TAPI_CONDITIONAL_MEDIA_DETECTION, CONDITIONAL_MEDIA_DETECTION, null);
        put(TapiOids.OID_TAPI_CONFIG_DIALOG, CONFIG_DIALOG, null);
        put(TapiOids.OID_TAPI_DEV_SPECIFIC, DEV_SPECIFIC, null);
        put(TapiOids.OID_TAPI_DIAL, DIAL, null);
        put(TapiOids.OID_TAPI_DROP, DROP, null);
        put(TapiOids.OID_TAPI_GET_ADDRESS_CAPS, GET_ADDRESS_CAPS, "LineAddressCaps");
        put(TapiOids.OID_TAPI_GET_ADDRESS_ID, GET_ADDRESS_ID, null);
        put(TapiOids.OID_TAPI_GET_ADDRESS_STATUS, GET_ADDRESS_STATUS, "LineAddressStatus");
        put(TapiOids.OID_TAPI_GET_CALL_ADDRESS_ID, GET_CALL_ADDRESS_ID, null);
        put(TapiOids.OID_TAPI_GET_CALL_INFO, GET_CALL_INFO, "LineCallInfo");
        put(TapiOids.OID_TAPI_GET_CALL_STATUS, GET_CALL_STATUS, "LineCallStatus");
        put(TapiOids.OID_TAPI_GET_DEV_CAPS, GET_DEV_CAPS, "LineDevCaps");
        put(TapiOids.OID_TAPI_GET_DEV_CONFIG, GET_DEV_CONFIG, "DeviceConfig");
        put(TapiOids.OID_TAPI_GET_EXTENSION_ID, GET_EXTENSION_ID, null);
        put(TapiOids.OID_TAPI_GET_ID, GET_ID, "DeviceID");
        put(TapiOids.OID_TAPI_GET_LINE_DEV_STATUS, GET_LINE_DEV_STATUS, "LineDevStatus");
        put(TapiOids.OID_TAPI_MAKE_CALL, MAKE_CALL, null);
        put(TapiOids.OID_TAPI_NEGOTIATE_EXT_VERSION, NEGOTIATE_EXT_VERSION, null);
        put(TapiOids.OID_TAPI_OPEN, OPEN, null);
        put(TapiOids.OID_TAPI_PROVIDER_INITIALIZE, PROVIDER_INITIALIZE, null);
        put(TapiOids.OID_TAPI_PROVIDER_SHUTDOWN, PROVIDER_SHUTDOWN, null);
        put(TapiOids.OID_TAPI_SECURE_CALL, SECURE_CALL, null);
        put(TapiOids.OID_TAPI_SELECT_EXT_VERSION, SELECT_EXT_VERSION, null);
        put(TapiOids.OID_TAPI_SEND_USER_USER_INFO, SEND_USER_USER_INFO, null);
        put(TapiOids.OID_TAPI_SET_APP_SPECIFIC, SET_APP_SPECIFIC, null);
        put(TapiOids.OID_TAPI_SET_CALL_PARAMS, SET_CALL_PARAMS, null);
        put(TapiOids.OID_TAPI_SET_DEFAULT_MEDIA_DETECTION, SET_DEFAULT_MEDIA_DETECTION, null);
        put(TapiOids.OID_TAPI_SET_DEV_CONFIG, SET_DEV_CONFIG, null);
        put(TapiOids.OID_TAPI_SET_MEDIA_MODE, SET_MEDIA_MODE, null);
        put(TapiOids.OID_TAPI_SET_STATUS_MESSAGES, SET_STATUS_MESSAGES, null);
    }

    private NdisTapiStructs() {
    }

    private static StructLayout uui(String name) {
        return StructLayout.builder(name).u32("ulRequestID").ptr("hdCall").u32("ulUserUserInfoSize")
                .tail("UserUserInfo").build();
    }

    private static void put(int oid, StructLayout layout, String varStruct) {
        StructLayout var = varStruct == null ? null : VAR_LAYOUTS.get(varStruct);
        BY_OID.put(oid, new OidLayout(oid, layout, varStruct, var));
    }

    /** @return the layout of an OID_TAPI_* request, or null for any other OID */
    public static OidLayout forOid(int oid) {
        return BY_OID.get(oid);
    }

    /** @return every OID_TAPI_* layout */
    public static Map<Integer, OidLayout> all() {
        return Collections.unmodifiableMap(BY_OID);
    }
}

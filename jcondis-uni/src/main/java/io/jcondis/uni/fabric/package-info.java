/**
 * The transit switch of the UNI driver ({@link io.jcondis.uni.fabric.UniFabric}): terminates one Q.2931/SSCOP/UDP
 * link per peer, routes each SETUP by its called party number to the link of the called host, bridges the two
 * half-calls message by message, branches point-to-multipoint calls, admits calls and modifications against each
 * link's capacity, forwards VC frames between the links' VPI/VCIs, and carries out the network's remote actions on
 * the wire. See docs/uni.md, section "Fabric".
 */
package io.jcondis.uni.fabric;

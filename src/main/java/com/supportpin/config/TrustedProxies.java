package com.supportpin.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** TRUSTED_PROXIES and the client-address rule (README, "Behind a reverse proxy"); literals only, never DNS. */
public final class TrustedProxies {

    /** Trusts nobody: every client is its TCP peer. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** An address block: the first {@code prefix} bits of {@code network}. */
    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Parses {@code 10.0.0.0/8, 192.0.2.7, 2001:db8::/32}; entries that are no address or CIDR go to {@code problems}. */
    public static TrustedProxies parse(String list, List<String> problems) {
        var blocks = new ArrayList<Block>();
        for (String raw : list.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            Optional<InetAddress> address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address.isEmpty()) {
                problems.add("TRUSTED_PROXIES: '" + entry + "' is not an IPv4 or IPv6 address or CIDR block");
                continue;
            }
            int bits = address.get().getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String length = entry.substring(slash + 1);
                prefix = length.matches("\\d{1,3}") ? Integer.parseInt(length) : -1;
                if (prefix < 0 || prefix > bits) {
                    problems.add("TRUSTED_PROXIES: '" + entry + "' has a prefix length outside 0 to " + bits);
                    continue;
                }
            }
            blocks.add(new Block(address.get().getAddress(), prefix));
        }
        return new TrustedProxies(blocks);
    }

    /** True when no proxy is trusted. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** True when {@code address} is one of the trusted proxies. */
    public boolean trusts(InetAddress address) {
        byte[] bytes = address.getAddress();
        return blocks.stream().anyMatch(block -> block.contains(bytes));
    }

    /** The client of a request from {@code peer}, given its X-Forwarded-For and Forwarded lines in order. */
    public InetAddress clientAddress(InetAddress peer, List<String> xForwardedFor, List<String> forwarded) {
        if (!trusts(peer)) {
            return peer;
        }
        List<String> hops = !xForwardedFor.isEmpty()
                ? ForwardedHeaders.xForwardedFor(xForwardedFor)
                : ForwardedHeaders.forwardedFor(forwarded);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(ForwardedHeaders.withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                // "unknown", an obfuscated name or junk, written by the trusted hop to its right: that hop
                // is the nearest thing to the client anyone can vouch for.
                return client;
            }
            client = hop.get();
            if (!trusts(client)) {
                return client;
            }
        }
        return client;
    }

    /** An IPv4 or IPv6 literal (no zone), or empty: never a host name, so never a DNS lookup. */
    static Optional<InetAddress> literal(String text) {
        try {
            var ipv4 = IPV4.matcher(text);
            if (ipv4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(ipv4.group(i + 1));
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (IPV6.matcher(text).matches()) {
                // With a colon in it, getByName parses an IPv6 literal or fails; it never looks a name up.
                return Optional.of(InetAddress.getByName(text));
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

//! The guard on the one road to the network: which addresses a request may reach.
//!
//! A page that anyone on the internet wrote must never make this computer send a request into its own network (a
//! router's admin page, a printer, a cloud metadata service, a service on `localhost`). Every request of the core
//! goes through a [`super::Fetcher`], and every one of its requests has a [`Reach`]:
//! - [`Reach::PublicOnly`] (the default for everything a page asks for: images, redirects, exports): only
//!   globally routable addresses. Checked three times: the address as written ([`refusal_as_written`], for IP
//!   literals, which never reach a resolver, and `localhost` names), every redirect hop (the same check in the
//!   redirect policy), and every host name *after* it is resolved ([`GuardedResolver`], so a public name that
//!   resolves to `127.0.0.1` is refused at connection time, whatever DNS says on the next lookup).
//! - [`Reach::PrivateAllowed`]: the user typed an address on their own network (an intranet); that page and its
//!   own images may be fetched. It is never chosen for anything a page supplies.
//!
//! Behind a proxy (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, honouring `NO_PROXY`) the client resolves only the
//! proxy's name, which is allowed; target addresses are then judged as written, which is all the client can see.
//! Nothing here touches the network but the resolver's own lookups.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// Which addresses a request may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reach {
    /// Only globally routable addresses: what a page from the internet may make Cuttings fetch.
    #[default]
    PublicOnly,
    /// Any address, private networks included: only for an address the user typed that is itself on a private
    /// network (their intranet), and that page's own images.
    PrivateAllowed,
}

/// Why an address was refused: carried in the error chain of a refused connection or redirect, and turned into
/// [`super::FetchError::PrivateAddress`] by `classify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateAddressRefusal {
    /// The host as written or as resolved (`127.0.0.1`, `intranet.example → 10.0.0.3`).
    pub host: String,
}

impl std::fmt::Display for PrivateAddressRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is an address on a private or reserved network", self.host)
    }
}

impl std::error::Error for PrivateAddressRefusal {}

/// Whether `ip` is a globally routable unicast address that a page from the internet may make Cuttings reach.
///
/// Refused, besides the obvious private ranges: loopback, unspecified and "this network" (`0.0.0.0/8`, which
/// Linux connects to `127.0.0.1`), link-local, shared CGNAT space (`100.64.0.0/10`), IETF protocol assignments
/// (`192.0.0.0/24`), the benchmarking (`198.18.0.0/15`) and documentation ranges, the 6to4 relay anycast, multicast,
/// the reserved `240.0.0.0/4` and broadcast; in IPv6 also unique-local, site-local, discard-only, Teredo, ORCHID,
/// local-use NAT64 and the old IPv4-compatible form. IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`,
/// NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:AABB:CCDD::`) are judged by the IPv4 address they carry.
pub fn is_global(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_global_v4(v4),
        IpAddr::V6(v6) => is_global_v6(v6),
    }
}

fn is_global_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let refused = a == 0                                   // "this network", 0.0.0.0 included
        || a == 10                                         // private
        || a == 127                                        // loopback
        || (a == 100 && (64..128).contains(&b))            // shared address space (CGNAT)
        || (a == 169 && b == 254)                          // link-local (cloud metadata services)
        || (a == 172 && (16..32).contains(&b))             // private
        || (a == 192 && b == 0 && c == 0)                  // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2)                  // documentation (TEST-NET-1)
        || (a == 192 && b == 88 && c == 99)                // 6to4 relay anycast
        || (a == 192 && b == 168)                          // private
        || (a == 198 && (18..20).contains(&b))             // benchmarking
        || (a == 198 && b == 51 && c == 100)               // documentation (TEST-NET-2)
        || (a == 203 && b == 0 && c == 113)                // documentation (TEST-NET-3)
        || a >= 224; // multicast, reserved, broadcast
    !refused
}

fn is_global_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    let embedded_v4 = |hi: u16, lo: u16| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
    if s[..5] == [0, 0, 0, 0, 0] && s[5] == 0xffff {
        return is_global_v4(embedded_v4(s[6], s[7])); // IPv4-mapped
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return is_global_v4(embedded_v4(s[6], s[7])); // NAT64 (well-known prefix)
    }
    if s[0] == 0x2002 {
        return is_global_v4(embedded_v4(s[1], s[2])); // 6to4
    }
    let refused = s[..6] == [0, 0, 0, 0, 0, 0]             // unspecified, loopback, IPv4-compatible (deprecated)
        || (s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1)   // local-use NAT64
        || (s[0] == 0x100 && s[1..4] == [0, 0, 0])         // discard-only
        || (s[0] == 0x2001 && s[1] == 0)                   // Teredo (carries an obfuscated IPv4 address)
        || (s[0] == 0x2001 && s[1] == 2 && s[2] == 0)      // benchmarking
        || (s[0] == 0x2001 && (0x10..0x40).contains(&s[1])) // ORCHID
        || (s[0] == 0x2001 && s[1] == 0xdb8)               // documentation
        || (s[0] & 0xfff0) == 0x3ff0                       // documentation (3fff::/20)
        || (s[0] & 0xfe00) == 0xfc00                       // unique local
        || (s[0] & 0xffc0) == 0xfe80                       // link-local
        || (s[0] & 0xffc0) == 0xfec0                       // site-local (deprecated)
        || (s[0] & 0xff00) == 0xff00; // multicast
    !refused
}

/// Whether a host name means this very computer whatever DNS says (`localhost`, `*.localhost`).
fn is_local_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

/// The refusal of `url` as written, for a request under [`Reach::PublicOnly`]: an IP literal that is not global, or
/// a `localhost` name. Host names are judged again after resolution by [`GuardedResolver`].
pub fn refusal_as_written(url: &Url) -> Option<PrivateAddressRefusal> {
    let refused = match url.host()? {
        Host::Ipv4(ip) => !is_global(IpAddr::V4(ip)),
        Host::Ipv6(ip) => !is_global(IpAddr::V6(ip)),
        Host::Domain(name) => is_local_name(name),
    };
    refused.then(|| PrivateAddressRefusal { host: url.host_str().unwrap_or_default().to_string() })
}

/// Whether `url`, an address the user typed, is on their own network: a non-global IP literal, a `localhost` name,
/// or a name that resolves only to non-global addresses. A name that does not resolve (no network, or DNS only
/// behind a proxy) counts as public: the guarded client then judges it as usual.
pub async fn typed_address_is_private(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => !is_global(IpAddr::V4(ip)),
        Some(Host::Ipv6(ip)) => !is_global(IpAddr::V6(ip)),
        Some(Host::Domain(name)) if is_local_name(name) => true,
        Some(Host::Domain(name)) => {
            match tokio::net::lookup_host((name, url.port_or_known_default().unwrap_or(80))).await {
                Ok(addrs) => {
                    let addrs: Vec<SocketAddr> = addrs.collect();
                    !addrs.is_empty() && addrs.iter().all(|addr| !is_global(addr.ip()))
                }
                Err(_) => false,
            }
        }
        None => false,
    }
}

/// The host names of the proxies the client will use (from the environment, as reqwest reads it, or given): the
/// one kind of name that may resolve to a private address under [`Reach::PublicOnly`], since a corporate proxy
/// usually lives on the private network.
pub fn proxy_hosts(explicit: Option<&Url>) -> HashSet<String> {
    let from_env = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .filter_map(|value| {
            let value = value.trim();
            // reqwest accepts `host:port` without a scheme, as curl does.
            Url::parse(value)
                .ok()
                .filter(|u| u.host().is_some())
                .or_else(|| Url::parse(&format!("http://{value}")).ok())
        });
    explicit
        .cloned()
        .into_iter()
        .chain(from_env)
        .filter_map(|url| url.host_str().map(|host| host.trim_end_matches('.').to_ascii_lowercase()))
        .collect()
}

/// A DNS resolver that resolves with the system's resolver and then, under [`Reach::PublicOnly`], drops every
/// address that is not global; a name left with none is refused ([`PrivateAddressRefusal`]). The proxy's own name
/// is exempt.
#[derive(Debug, Clone)]
pub struct GuardedResolver {
    reach: Reach,
    proxies: Arc<HashSet<String>>,
}

impl GuardedResolver {
    /// A resolver for requests under `reach`, letting the names in `proxies` resolve anywhere.
    pub fn new(reach: Reach, proxies: HashSet<String>) -> Self {
        GuardedResolver { reach, proxies: Arc::new(proxies) }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let (reach, proxies) = (self.reach, Arc::clone(&self.proxies));
        Box::pin(async move {
            let host = name.as_str().trim_end_matches('.').to_ascii_lowercase();
            let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if reach == Reach::PrivateAllowed || proxies.contains(&host) {
                return Ok(Box::new(resolved.into_iter()) as Addrs);
            }
            let global: Vec<SocketAddr> = resolved.iter().copied().filter(|addr| is_global(addr.ip())).collect();
            if global.is_empty() {
                let shown = match resolved.first() {
                    Some(addr) => format!("{host} ({})", addr.ip()),
                    None => host,
                };
                return Err(Box::new(PrivateAddressRefusal { host: shown }) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(global.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn ip(text: &str) -> IpAddr {
        IpAddr::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn every_private_and_reserved_form_is_refused() {
        for address in [
            "127.0.0.1",
            "127.255.1.2",
            "0.0.0.0",
            "0.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.254",
            "198.18.0.1",
            "198.19.255.1",
            "192.0.0.8",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "192.88.99.1",
            "224.0.0.1",
            "239.1.1.1",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "::ffff:0.0.0.0",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "::10.0.0.1",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::1",
            "2002:7f00:1::1",
            "2002:c0a8:101::1",
            "2001:db8::1",
            "2001::1",
            "2001:2::1",
            "2001:20::1",
            "3fff::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "100::1",
        ] {
            assert!(!is_global(ip(address)), "{address} should be refused");
        }
    }

    #[test]
    fn global_addresses_pass_also_in_their_ipv6_wrappings() {
        for address in [
            "8.8.8.8",
            "1.1.1.1",
            "93.184.216.34",
            "100.63.255.255",
            "100.128.0.1",
            "172.32.0.1",
            "198.17.1.1",
            "198.20.0.1",
            "2606:4700::1111",
            "2a00:1450:4001::200e",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert!(is_global(ip(address)), "{address} should pass");
        }
    }

    #[test]
    fn addresses_are_judged_as_written_including_the_odd_ipv4_spellings() {
        for url in [
            "http://127.0.0.1/",
            "http://[::ffff:0.0.0.0]/",
            "http://0.0.0.1/",
            "http://2130706433/",
            "http://0x7f.1/",
            "http://017700000001/",
            "http://localhost:8080/",
            "http://printer.localhost./",
            "http://LOCALHOST/",
            "http://[::127.0.0.1]/",
            "http://[64:ff9b::7f00:1]/",
            "http://[2002:7f00:1::1]/",
        ] {
            let parsed = Url::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert!(refusal_as_written(&parsed).is_some(), "{url} should be refused");
        }
        for url in ["https://news.example.com/a", "http://8.8.8.8/", "https://[2606:4700::1111]/"] {
            let parsed = Url::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(refusal_as_written(&parsed), None, "{url} should pass");
        }
    }

    #[tokio::test]
    async fn the_resolver_refuses_a_name_that_resolves_to_loopback_unless_private_is_allowed() {
        let name = || Name::from_str("localhost").expect("a name");
        let guarded = GuardedResolver::new(Reach::PublicOnly, HashSet::new());
        let error = match guarded.resolve(name()).await {
            Ok(addrs) => panic!("localhost resolved to {:?} under PublicOnly", addrs.collect::<Vec<_>>()),
            Err(error) => error,
        };
        let refusal = error.downcast_ref::<PrivateAddressRefusal>().expect("a private-address refusal");
        assert!(refusal.host.starts_with("localhost ("), "{refusal}");

        let open = GuardedResolver::new(Reach::PrivateAllowed, HashSet::new());
        let addrs: Vec<SocketAddr> = open.resolve(name()).await.expect("resolves").collect();
        assert!(addrs.iter().any(|a| a.ip().is_loopback()), "{addrs:?}");

        // A proxy's name may be private.
        let behind_proxy = GuardedResolver::new(Reach::PublicOnly, HashSet::from(["localhost".to_string()]));
        assert!(behind_proxy.resolve(name()).await.is_ok());
    }

    #[tokio::test]
    async fn an_address_typed_on_the_users_own_network_is_private() {
        for url in ["http://127.0.0.1:8000/", "http://10.0.0.2/", "http://localhost/", "http://[::1]/"] {
            assert!(typed_address_is_private(&Url::parse(url).expect("url")).await, "{url}");
        }
        for url in ["http://8.8.8.8/", "https://name-that-does-not-resolve.invalid/"] {
            assert!(!typed_address_is_private(&Url::parse(url).expect("url")).await, "{url}");
        }
    }

    #[test]
    fn proxy_hosts_include_the_explicit_proxy() {
        let proxy = Url::parse("http://Proxy.Corp.:3128").expect("url");
        assert!(proxy_hosts(Some(&proxy)).contains("proxy.corp"));
    }
}

//! Fetching a page over HTTP and decoding it to text. The only module of the core that touches the network.

"""LinkedIn API layer: Rest.li encoding, authentication, errors, the client."""

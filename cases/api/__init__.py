"""The intake API (`/api/intake/`): reporting parties submit early signs of debt, the
municipality's case systems record what happened to cases. Thin DRF views over the services in
`cases.services`; every write goes through the case models' own `save()`, which
recomputes the destruction date, copies the policy at closing and honours legal holds."""

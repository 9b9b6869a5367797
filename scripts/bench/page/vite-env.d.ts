// The harness is built by Vite: asset imports such as the report fonts' `?url` resolve there.
/// <reference types="vite/client" />

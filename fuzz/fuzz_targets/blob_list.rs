#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    azure_onboarding_fuzz::targets::blob_list(data);
});

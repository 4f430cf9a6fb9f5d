#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    azure_onboarding_fuzz::targets::remediate_target(data);
});

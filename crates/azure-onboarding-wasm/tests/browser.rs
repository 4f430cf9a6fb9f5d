//! wasm-bindgen tests in headless Chromium (the same tests as in Node: `common/`).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;

/// The browser transport's body cap holds while streaming, without a Content-Length.
#[cfg(feature = "assess")]
mod body_cap {
    use azure_onboarding_live::{read_body_capped, TransportError};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_test::*;

    #[wasm_bindgen(inline_js = r#"
export function endless(chunk) {
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream({
    pull(c) { state.pulls++; c.enqueue(new Uint8Array(chunk)); },
    cancel() { state.cancelled = true; },
  });
  return { stream, state };
}
export function finite(text) { return new Response(text).body; }
"#)]
    extern "C" {
        fn endless(chunk: u32) -> JsValue;
        fn finite(text: &str) -> web_sys::ReadableStream;
    }

    fn get(v: &JsValue, k: &str) -> JsValue {
        js_sys::Reflect::get(v, &JsValue::from_str(k)).unwrap()
    }

    #[wasm_bindgen_test]
    async fn an_endless_body_stops_at_the_cap_and_is_cancelled() {
        let e = endless(64 * 1024);
        let stream = get(&e, "stream").unchecked_into();
        let limit = 1024 * 1024;
        let err = read_body_capped(Some(stream), limit).await.unwrap_err();
        assert_eq!(err, TransportError::TooLarge { limit });
        let state = get(&e, "state");
        assert_eq!(
            get(&state, "cancelled"),
            JsValue::TRUE,
            "the stream is cancelled"
        );
        let pulls = get(&state, "pulls").as_f64().unwrap();
        assert!(pulls <= 20.0, "read on after the cap: {pulls} chunks");
    }

    #[wasm_bindgen_test]
    async fn a_body_within_the_cap_is_read_whole() {
        let body = read_body_capped(Some(finite(r#"{"value":[]}"#)), 12)
            .await
            .unwrap();
        assert_eq!(body, br#"{"value":[]}"#);
        let err = read_body_capped(Some(finite(r#"{"value":[]}"#)), 11)
            .await
            .unwrap_err();
        assert_eq!(err, TransportError::TooLarge { limit: 11 });
        assert_eq!(read_body_capped(None, 0).await.unwrap(), b"");
    }
}

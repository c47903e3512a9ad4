//! The parts of a `multipart/form-data` body as a server receives them, so
//! that tests compare the exact parts sent.

/// One part: its name, file name, content type and contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
}

/// A part as a test expects it; `body` is compared as (lossy) UTF-8.
pub fn part(name: &str, filename: Option<&str>, content_type: Option<&str>, body: &str) -> Received {
    Received {
        name: name.into(),
        filename: filename.map(Into::into),
        content_type: content_type.map(Into::into),
        body: body.into(),
    }
}

/// Every part of `request`'s body, in order. Panics when the request is
/// not a well-formed `multipart/form-data` request.
pub fn parts(request: &wiremock::Request) -> Vec<Received> {
    let content_type = request.headers.get("content-type").expect("a content type").to_str().expect("ascii");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not a multipart form: {content_type}"));
    let delimiter = format!("--{boundary}");
    let body = &request.body[..];
    let starts: Vec<usize> = find_all(body, delimiter.as_bytes());
    assert!(starts.len() >= 2, "no closing delimiter in {}", String::from_utf8_lossy(body));
    let closing = *starts.last().expect("checked");
    assert_eq!(&body[closing + delimiter.len()..], b"--\r\n", "the body ends with the closing delimiter");
    starts
        .windows(2)
        .map(|w| {
            // `--boundary\r\n` headers `\r\n\r\n` contents `\r\n--boundary`.
            let segment = &body[w[0] + delimiter.len() + 2..w[1] - 2];
            let split = find_all(segment, b"\r\n\r\n").first().copied().expect("headers end with a blank line");
            let headers = std::str::from_utf8(&segment[..split]).expect("ascii headers");
            let contents = String::from_utf8_lossy(&segment[split + 4..]).into_owned();
            let mut received = Received { name: String::new(), filename: None, content_type: None, body: contents };
            for line in headers.split("\r\n") {
                let (key, value) = line.split_once(':').expect("a header line");
                match key.to_ascii_lowercase().as_str() {
                    "content-disposition" => {
                        received.name = quoted(value, "name").expect("a part name");
                        received.filename = quoted(value, "filename");
                    }
                    "content-type" => received.content_type = Some(value.trim().to_string()),
                    other => panic!("unexpected part header {other}"),
                }
            }
            received
        })
        .collect()
}

/// The quoted value of `key="…"` in a `Content-Disposition` header.
fn quoted(header: &str, key: &str) -> Option<String> {
    header
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix(&format!("{key}=\""))?.strip_suffix('"').map(Into::into))
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    (0..haystack.len().saturating_sub(needle.len() - 1)).filter(|&i| haystack[i..].starts_with(needle)).collect()
}

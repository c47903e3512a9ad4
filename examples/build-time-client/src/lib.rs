//! A crate that generates its API client at build time instead of
//! depending on a committed generated crate: `build.rs` writes the client
//! into `OUT_DIR` as the module `stream`, included here.

include!(concat!(env!("OUT_DIR"), "/stream.rs"));

/// The audio download's URL once it is ready: this crate's own code on
/// top of the generated client.
pub async fn ready_audio_url(
    client: &stream::Client,
    account: &str,
    video: &str,
) -> Result<Option<String>, stream::Error> {
    let downloads = client.list_downloads(account, video).await?;
    Ok(downloads.audio.filter(|a| a.status == Some(stream::types::DownloadStatus::Ready)).and_then(|a| a.url))
}

//! Why a dataset could not be fetched or read (before validation), and
//! whether trying again may help: what the loader reports.

/// Why a dataset could not be fetched or read (before validation). Each
/// kind has its own sentence ([`fetch_failure`]); [`FetchFailure::retryable`]
/// says whether trying again may help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchFailure {
    /// `data=` points to another origin (or was redirected to one) that
    /// this deployment does not allow.
    OtherOrigin { url: String },
    /// `data=` is not a URL.
    BadUrl { url: String },
    /// The network request failed (offline, DNS, refused, CORS, …); the
    /// browser does not say which. `detail` goes to the console only.
    Unreachable { url: String, detail: String },
    /// The server answered with an HTTP error.
    Http { url: String, status: u16 },
    /// No answer, or no progress, in time.
    Timeout {
        url: String,
        kind: TimeoutKind,
        seconds: u32,
    },
    /// The connection broke during the download.
    Interrupted {
        url: String,
        received: u64,
        total: Option<u64>,
    },
    /// The file is larger than the deployment's `max_dataset_bytes`:
    /// `announced` is the size the server gave, when it gave one (else the
    /// download was stopped as soon as it passed the cap).
    TooLarge {
        url: String,
        announced: Option<u64>,
        cap: u64,
    },
    /// The file is not JSON at all (an image, a text, …).
    NotJson { url: String },
    /// The server sent a web page (an HTML error or home page).
    WebPage { url: String },
    /// The server announced another type of file (`content_type`, as sent,
    /// shortened).
    WrongType { url: String, content_type: String },
}

/// Which timeout ended a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutKind {
    /// The server did not answer at all.
    NoAnswer,
    /// The download started, then stopped sending.
    Stalled,
    /// The whole download took too long.
    TooLong,
}

impl FetchFailure {
    /// Whether a "try again" button makes sense: the network, a timeout, an
    /// interrupted download, a server error or an explicit "later" (408,
    /// 429). Not for a refused origin, a missing file or a file with the
    /// wrong content: trying again would give the same answer.
    pub fn retryable(&self) -> bool {
        match self {
            FetchFailure::Unreachable { .. }
            | FetchFailure::Timeout { .. }
            | FetchFailure::Interrupted { .. } => true,
            FetchFailure::Http { status, .. } => *status >= 500 || matches!(status, 408 | 429),
            FetchFailure::OtherOrigin { .. }
            | FetchFailure::BadUrl { .. }
            | FetchFailure::TooLarge { .. }
            | FetchFailure::NotJson { .. }
            | FetchFailure::WebPage { .. }
            | FetchFailure::WrongType { .. } => false,
        }
    }

    /// A short stable name of the kind of failure (`data-failure` attribute
    /// of the error panel, for host pages and tests).
    pub fn code(&self) -> &'static str {
        match self {
            FetchFailure::OtherOrigin { .. } => "other-origin",
            FetchFailure::BadUrl { .. } => "bad-url",
            FetchFailure::Unreachable { .. } => "unreachable",
            FetchFailure::Http { .. } => "http",
            FetchFailure::Timeout { .. } => "timeout",
            FetchFailure::Interrupted { .. } => "interrupted",
            FetchFailure::TooLarge { .. } => "too-large",
            FetchFailure::NotJson { .. } => "not-json",
            FetchFailure::WebPage { .. } => "web-page",
            FetchFailure::WrongType { .. } => "wrong-type",
        }
    }
}

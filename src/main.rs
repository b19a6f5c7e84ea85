use clap::Parser;

fn main() {
    let cli = factx::cli::Cli::parse();
    match factx::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("factx: {e:#}");
            std::process::exit(2);
        }
    }
}

import ArgumentParser

@main
struct Prep: ParsableCommand {}

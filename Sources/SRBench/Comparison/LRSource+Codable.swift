/// Reports record the LR source by its command-line name (`generate`, `provided`), so a report
/// can be rebuilt into HTML or a figure with the same inputs the models were given.
extension LRSource: Codable {}

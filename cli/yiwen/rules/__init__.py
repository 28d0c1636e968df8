"""Built-in rules: the registry and one module per rule family (E, Z, N, T, B)."""

from yiwen.rules.registry import REGISTRY, Rule, RuleContext, load_rules, rule

__all__ = ["REGISTRY", "Rule", "RuleContext", "load_rules", "rule"]

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "cchc.evaluation"
    label = "evaluation"
    verbose_name = "Đánh giá, chấm điểm"

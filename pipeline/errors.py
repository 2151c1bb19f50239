"""The one exception type stages raise when they cannot handle an input."""


class PipelineError(Exception):
    """An input the pipeline cannot process, with the stage and a one-line reason.

    Raised by any stage; the batch runner records it and goes on with the next input
    (scrapy's DropItem, in spirit).
    """

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage
        self.message = message

    def __str__(self) -> str:
        return f"{self.stage}: {self.message}"
